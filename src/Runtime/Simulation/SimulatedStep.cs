using System.Collections.Immutable;
using TaxoNN.Compiler.Mapping;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// One training step as the simulator executed it: every op's counts, in order. When the step could not finish (a
/// mapping that does not fit, a cycle budget exceeded) <see cref="Diagnostics"/> says why and the weights are those
/// of the ops done so far; <see cref="Stopped"/> says it was cancelled.
/// </summary>
public sealed record SimulatedStep(ImmutableArray<SimulatedOp> Ops, ImmutableArray<Diagnostic> Diagnostics, bool Stopped, ImmutableArray<string> Watch)
{
    /// <summary>Whether every op ran.</summary>
    public bool Completed => Diagnostics.IsEmpty && !Stopped;

    /// <summary>Cycles of the step.</summary>
    public long TotalCycles => Ops.IsEmpty ? 0 : Ops[^1].EndCycle;

    /// <summary>Cycles the array waited for a memory level.</summary>
    public long TotalStalls => Ops.Sum(o => o.Stalls);

    /// <summary>MAC-unit MACs of the step.</summary>
    public long TotalMacs => Ops.Sum(o => o.MacUnitMacs);

    /// <summary>Accesses of the step, per level.</summary>
    public Accesses TotalAccesses => Ops.Aggregate(default(Accesses), (sum, o) => sum + o.Accesses);
}
