using System.Collections.Immutable;

namespace TaxoNN.Sweeps.Slurm;

/// <summary>
/// How to submit: tasks running at once (null: as many as Slurm allows), points per task, seconds before the time
/// limit at which USR1 comes, and arguments passed on to sbatch as they are (partition, account, time limit...).
/// </summary>
public sealed record SubmitOptions(int? MaxParallel, int PointsPerTask, int SignalSeconds, ImmutableArray<string> ExtraArguments);
