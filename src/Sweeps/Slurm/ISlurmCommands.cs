namespace TaxoNN.Sweeps.Slurm;

/// <summary>Runs Slurm's commands (sbatch, squeue, scontrol) and returns their exit code and text output; tests put a fake in.</summary>
public interface ISlurmCommands
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    CommandOutcome Run(string program, IReadOnlyList<string> arguments);
}
