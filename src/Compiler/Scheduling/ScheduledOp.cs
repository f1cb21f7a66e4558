using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Mapping;

namespace TaxoNN.Compiler.Scheduling;

/// <summary>An op placed in a step: its cost for the whole step, when it starts, and the weight words it reads.</summary>
public sealed record ScheduledOp(Op Op, OpCost Cost, long StartCycle, long WeightReads)
{
    /// <summary>The cycle after the op's last one.</summary>
    public long EndCycle => StartCycle + Cost.Cycles;

    /// <summary>MACs / (PEs used x cycles): how busy the PEs it occupies are; 0 for ops without MACs.</summary>
    public double Utilisation => Cost.Cycles == 0 || Cost.PesUsed == 0 ? 0 : (double)Op.StepMacs / ((double)Cost.PesUsed * Cost.Cycles);
}
