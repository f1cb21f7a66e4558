using System.Collections.Immutable;
using TaxoNN.Compiler.Lowering;

namespace TaxoNN.Runtime.CostModel;

/// <summary>
/// The energy of one training step from its access counts (docs/cost-model.md, "Energy per training step"), in
/// <see cref="Unit"/>: picojoules when the accelerator gives the MAC's energy in pJ, otherwise the energy of one
/// 16-bit MAC (Eyeriss's normalised costs are relative to it).
/// </summary>
public sealed record StepEnergy(string Unit, Design Design, ImmutableArray<OpEnergy> Ops, int BatchSize, long SamplesPerEpoch)
{
    /// <summary>The split over levels of the whole step.</summary>
    public EnergyLevels ByLevel => Ops.Aggregate(default(EnergyLevels), (sum, op) => sum + op.Energy);

    /// <summary>The step's energy.</summary>
    public double Total => ByLevel.Total;

    /// <summary>The energy per sample: the step's over the batch size.</summary>
    public double PerSample => Total / BatchSize;

    /// <summary>Steps in one epoch over the data set's training split: ⌈samples / batch⌉.</summary>
    public long StepsPerEpoch => (SamplesPerEpoch + BatchSize - 1) / BatchSize;

    /// <summary>The energy of one epoch: steps per epoch times the step's.</summary>
    public double PerEpoch => Total * StepsPerEpoch;

    /// <summary>The energy per op kind, in the order kinds first appear in the step.</summary>
    public IReadOnlyList<(OpKind Kind, EnergyLevels Energy)> ByKind =>
        Ops.GroupBy(o => o.Op.Kind)
            .Select(g => (g.Key, g.Aggregate(default(EnergyLevels), (sum, op) => sum + op.Energy)))
            .ToList();
}
