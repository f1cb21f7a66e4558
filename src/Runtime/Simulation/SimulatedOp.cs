using System.Collections.Immutable;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Mapping;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// What the simulator counted while it executed one op of a step: when it started, the cycles its PEs computed, the
/// cycles the global buffer and DRAM needed for the words it moved, the op's cycles (the slowest of the three) and
/// the stalls (cycles the array waited for a level), the PEs it occupied, the MACs its MAC units did and its word
/// accesses per level. <see cref="LastPe"/> is the PE that worked last and <see cref="LastPeCycle"/> its last cycle.
/// </summary>
public sealed record SimulatedOp(
    int Index,
    string Name,
    OpKind Kind,
    long StartCycle,
    long ComputeCycles,
    long GlobalBufferCycles,
    long DramCycles,
    int PesUsed,
    long MacUnitMacs,
    Accesses Accesses,
    (int Row, int Column) FirstPe,
    (int Row, int Column) LastPe,
    long LastPeCycle,
    ImmutableArray<SetActivity> Sets)
{
    /// <summary>The op's cycles: the array and both levels work at once, so the slowest of them.</summary>
    public long Cycles => Math.Max(ComputeCycles, Math.Max(GlobalBufferCycles, DramCycles));

    /// <summary>The cycle after the op's last one.</summary>
    public long EndCycle => StartCycle + Cycles;

    /// <summary>Cycles in which the array waited for the global buffer or DRAM.</summary>
    public long Stalls => Cycles - ComputeCycles;

    /// <summary>MAC-unit MACs / (PEs used x cycles).</summary>
    public double Utilisation => Cycles == 0 || PesUsed == 0 ? 0 : (double)MacUnitMacs / ((double)PesUsed * Cycles);
}
