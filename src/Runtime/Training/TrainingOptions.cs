namespace TaxoNN.Runtime.Training;

/// <summary>Overrides of the set-up's training settings, and where progress goes.</summary>
public sealed record TrainingOptions(
    PrecisionMode Precision = PrecisionMode.Fixed,
    int? Epochs = null,
    long? Limit = null,
    bool? Shuffle = null,
    IProgress<TrainingProgress>? Progress = null);
