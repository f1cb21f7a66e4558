namespace TaxoNN.Sweeps.Slurm;

/// <summary>What a command printed and how it exited (-1: it could not be started; <see cref="Error"/> says why).</summary>
public sealed record CommandOutcome(int ExitCode, string Output, string Error);
