namespace TaxoNN.Sweeps;

/// <summary>Where a point runs: the host and, under a scheduler, the job (recorded in results, never compared).</summary>
public sealed record RunContext(string Host, string? JobId)
{
    /// <summary>This machine, and the Slurm job from the environment when there is one (array job_task, or the job).</summary>
    public static RunContext FromEnvironment()
    {
        var array = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID");
        var task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        var job = Environment.GetEnvironmentVariable("SLURM_JOB_ID");
        return new RunContext(Environment.MachineName, array is not null && task is not null ? $"{array}_{task}" : job);
    }
}
