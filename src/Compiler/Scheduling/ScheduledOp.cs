using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Mapping;

namespace TaxoNN.Compiler.Scheduling;

/// <summary>
/// An op placed in a step: its cost for the whole step, when it starts, the weight words it reads, and the MACs its
/// MAC units do (a fused op's update path works beside them and is not counted there).
/// </summary>
public sealed record ScheduledOp(Op Op, OpCost Cost, long StartCycle, long WeightReads, long MacUnitMacs)
{
    /// <summary>The cycle after the op's last one.</summary>
    public long EndCycle => StartCycle + Cost.Cycles;

    /// <summary>MAC-unit MACs / (PEs used x cycles): how busy the PEs it occupies are; 0 for ops without MACs.</summary>
    public double Utilisation => Cost.Cycles == 0 || Cost.PesUsed == 0 ? 0 : (double)MacUnitMacs / ((double)Cost.PesUsed * Cost.Cycles);
}
