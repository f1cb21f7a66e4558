using TaxoNN.Sweeps.Slurm;

namespace TaxoNN.Sweeps.Tests;

/// <summary>Slurm's commands as a test scripts them: each call is recorded; sbatch hands out job ids, squeue prints <see cref="Queue"/>.</summary>
internal sealed class FakeSlurm : ISlurmCommands
{
    private int nextJob = 100;

    public List<(string Program, IReadOnlyList<string> Arguments)> Calls { get; } = [];

    public string Queue { get; set; } = string.Empty;

    public CommandOutcome Run(string program, IReadOnlyList<string> arguments)
    {
        Calls.Add((program, arguments));
        return program switch
        {
            "sbatch" => new CommandOutcome(0, $"{nextJob++}\n", string.Empty),
            "squeue" => new CommandOutcome(0, Queue, string.Empty),
            _ => new CommandOutcome(1, string.Empty, "unexpected"),
        };
    }
}
