namespace TaxoNN.Sweeps;

/// <summary>A local run's progress: points finished (with a result, or skipped as done) and failed, of all, and the speed.</summary>
public sealed record SweepProgress(long Finished, long Failed, long Total, double PointsPerSecond);
