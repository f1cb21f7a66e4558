namespace TaxoNN.Runtime.Training;

/// <summary>
/// Overrides of the set-up's training settings, where progress goes, and checkpoints: <paramref name="Start"/> resumes
/// at a position a checkpoint recorded (the network's weights and counters restored by the caller);
/// <paramref name="Checkpoint"/> is called at the first batch boundary at or after every
/// <paramref name="CheckpointEvery"/> samples and at the first batch boundary after <paramref name="Stop"/> is
/// cancelled, and returns whether to go on; after <paramref name="Stop"/> the run ends there, unevaluated.
/// <paramref name="Threads"/> splits the evaluation of the test split (each thread predicts with its own copy of the
/// network); the bits are the same for any count.
/// </summary>
public sealed record TrainingOptions(
    PrecisionMode Precision = PrecisionMode.Fixed,
    int? Epochs = null,
    long? Limit = null,
    bool? Shuffle = null,
    IProgress<TrainingProgress>? Progress = null,
    TrainingPosition? Start = null,
    long? CheckpointEvery = null,
    Func<TrainingPosition, bool>? Checkpoint = null,
    CancellationToken Stop = default,
    int Threads = 1);
