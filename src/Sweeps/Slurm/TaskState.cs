namespace TaxoNN.Sweeps.Slurm;

/// <summary>One array task that squeue lists: its job, its index and its state (PENDING, RUNNING, ...).</summary>
public sealed record TaskState(string JobId, int Task, string State);
