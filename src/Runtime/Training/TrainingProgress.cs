namespace TaxoNN.Runtime.Training;

/// <summary>A progress report: samples done of the total, the running loss and the speed so far.</summary>
public sealed record TrainingProgress(long Samples, long Total, double RunningLoss, double SamplesPerSecond);
