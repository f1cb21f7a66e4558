namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// How the simulator runs: the PE datapath (<see cref="PeKind.Training"/> unless the accelerator lacks the
/// extensions), the most cycles one step may take before it is stopped with TAXO6003, the PE whose activity is logged
/// cycle by cycle, and whether each op's PE-set activity is kept for a trace.
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>The default cycle budget of one step: 10^12 cycles, 5,000 s at 200 MHz.</summary>
    public const long DefaultCycleBudget = 1_000_000_000_000;

    /// <summary>The PE datapath; null takes it from the accelerator's training_extensions setting.</summary>
    public PeKind? PeKind { get; init; }

    /// <summary>The most cycles one step may take.</summary>
    public long CycleBudget { get; init; } = DefaultCycleBudget;

    /// <summary>The PE (row, column) whose activity is logged cycle by cycle, or null.</summary>
    public (int Row, int Column)? WatchPe { get; init; }

    /// <summary>The most lines the watch keeps (the rest are counted, not kept).</summary>
    public int WatchLimit { get; init; } = 200_000;

    /// <summary>Whether each op's PE-set activity is recorded (for a trace).</summary>
    public bool RecordSets { get; init; }
}
