namespace TaxoNN.Sweeps.Slurm;

/// <summary>What a submission did: the job id when one was submitted; whether nothing was wrong; and a message saying what happened.</summary>
public sealed record SubmitOutcome(string? JobId, bool Succeeded, string Message);
