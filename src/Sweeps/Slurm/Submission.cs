using System.Collections.Immutable;

namespace TaxoNN.Sweeps.Slurm;

/// <summary>One job array submitted for a sweep: its job id, its tasks and how many points each task runs.</summary>
public sealed record Submission(string JobId, ImmutableArray<int> Tasks, int PointsPerTask);
