using TaxoNN.Runtime.Training;

namespace TaxoNN.Cli.Commands;

/// <summary>What <c>taxo train</c> was asked to do, as its options say.</summary>
internal sealed record TrainSettings(
    string Path,
    int? Epochs = null,
    long? Limit = null,
    bool KeepOrder = false,
    string? DataFolder = null,
    PrecisionMode Precision = PrecisionMode.Fixed,
    bool CompareFloat = false,
    string? ReportPath = null,
    string? Training = null,
    string? InitWeights = null,
    string? SaveWeights = null,
    string? CheckpointPath = null,
    long? CheckpointEvery = null,
    bool Resume = false,
    string? PlotPath = null,
    int Threads = 1);
