using System.Globalization;
using System.Text;

namespace TaxoNN.Sweeps.Slurm;

/// <summary>
/// The batch script of a sweep's job array: each task execs <c>taxo sweep run-point</c> for its points, so that the
/// warning signal (<c>--signal=B:USR1@S</c>, sent to the batch shell, which exec made taxo) reaches the trainer; the job
/// is requeueable and its log opened for appending, so that a requeued task continues one log.
/// </summary>
public static class SlurmJobScript
{
    /// <summary>The job name of the sweep in <paramref name="folder"/>: the sweep's name and a hash of the folder, which status and resubmit look for.</summary>
    public static string JobName(SweepFolder folder, SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(plan);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(folder.Path)), 0, 4).ToLowerInvariant();
        return $"taxo-{plan.Sweep}-{hash}";
    }

    /// <summary>The script for the tasks <paramref name="tasks"/> (as "0-3,7"), at most <paramref name="maxParallel"/> at a time (null: no limit).</summary>
    public static string Build(SweepFolder folder, SweepPlan plan, TaxoCommand taxo, string tasks, int? maxParallel, int pointsPerTask, int signalSeconds)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(taxo);
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={JobName(folder, plan)}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --array={tasks}{(maxParallel is { } m ? $"%{m}" : string.Empty)}\n");
        text.Append("#SBATCH --requeue\n");
        text.Append("#SBATCH --open-mode=append\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --signal=B:USR1@{signalSeconds}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(folder.SlurmFolder, "logs", "%A_%a.out")}\n");
        text.Append("# Written by 'taxo sweep submit'. Each task runs its points of the manifest and skips those with a result;\n");
        text.Append("# at USR1 (before the time limit) a point writes its checkpoint and requeues its task, which resumes it.\n");
        var arguments = taxo.With("sweep", "run-point", folder.Path).Select(Quote)
            .Append("--index").Append("\"$SLURM_ARRAY_TASK_ID\"")
            .Append("--points-per-task").Append(pointsPerTask.ToString(CultureInfo.InvariantCulture));
        text.Append(CultureInfo.InvariantCulture, $"exec {Quote(taxo.Program)} {string.Join(' ', arguments)}\n");
        return text.ToString();
    }

    /// <summary><paramref name="word"/> in single quotes for bash, with any single quote in it escaped.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
