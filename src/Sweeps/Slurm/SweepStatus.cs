namespace TaxoNN.Sweeps.Slurm;

/// <summary>Points of a sweep by state: with a result, in a running task, in a queued task, and the rest (missing).</summary>
public sealed record SweepStatus(long Done, long Running, long Queued, long Missing, long Total, bool SchedulerAsked, string? SchedulerProblem);
