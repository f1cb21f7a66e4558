using System.Collections.Immutable;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Mapping;

namespace TaxoNN.Compiler.Scheduling;

/// <summary>
/// One training step on the array: every op with its start cycle and cost, in order (ops run one after another),
/// with totals per step and per sample. When the step is fused, <see cref="Unfused"/> holds the same step unfused so
/// that the savings can be stated.
/// </summary>
public sealed record Schedule(LoweredStep Step, ImmutableArray<ScheduledOp> Ops, Schedule? Unfused)
{
    /// <summary>Cycles of one step.</summary>
    public long TotalCycles => Ops.Length == 0 ? 0 : Ops[^1].EndCycle;

    /// <summary>MACs of one step.</summary>
    public long TotalMacs => Ops.Sum(o => o.Op.StepMacs);

    /// <summary>Accesses of one step, per level.</summary>
    public Accesses TotalAccesses => Ops.Aggregate(default(Accesses), (sum, o) => sum + o.Cost.Accesses);

    /// <summary>Weight words read from the global buffer in one step.</summary>
    public long WeightReads => Ops.Sum(o => o.WeightReads);

    /// <summary>Cycles per sample: the step's cycles over the batch size.</summary>
    public double CyclesPerSample => (double)TotalCycles / Step.BatchSize;

    /// <summary>The step's duration in seconds at the accelerator's clock.</summary>
    public double Seconds => TotalCycles / Step.Training.Accelerator.ClockHz;

    /// <summary>MAC-unit MACs / (PEs x cycles) over the whole step.</summary>
    public double Utilisation => TotalCycles == 0 ? 0 : (double)Ops.Sum(o => o.MacUnitMacs) / ((double)Step.Training.Accelerator.PeCount * TotalCycles);
}
