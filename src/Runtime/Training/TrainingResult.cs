using System.Collections.Immutable;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// What a training run reached: the test split's misclassification rate, the training speed (samples per second of
/// the training loop alone, full SGD steps), the samples trained, and the loss and test-error curves.
/// </summary>
public sealed record TrainingResult(
    PrecisionMode Precision,
    double Misclassification,
    double SamplesPerSecond,
    long Samples,
    ImmutableArray<(long Samples, double Loss)> Loss,
    ImmutableArray<(int Epoch, double Misclassification)> TestError);
