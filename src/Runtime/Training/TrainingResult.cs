using System.Collections.Immutable;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// What a training run reached: the test split's misclassification rate, the training speed (samples per second of
/// the training loop alone, full SGD steps), the samples trained (in all, when resumed), and the loss and test-error
/// curves; a run that <see cref="Stopped"/> at a checkpoint was not evaluated and its misclassification is NaN.
/// </summary>
public sealed record TrainingResult(
    PrecisionMode Precision,
    double Misclassification,
    double SamplesPerSecond,
    long Samples,
    ImmutableArray<(long Samples, double Loss)> Loss,
    ImmutableArray<(int Epoch, double Misclassification)> TestError,
    bool Stopped = false);
