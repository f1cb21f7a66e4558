using TaxoNN.Compiler.Scheduling;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.CostModel;

/// <summary>
/// What a training set-up costs: its own per-layer, per-pass formats against the same design at uniform 16 bits and
/// at 32-bit fixed point (extrapolated: the paper's tables stop at 21 bits), plus the energy the fusion saves. This
/// is the library call that a training report puts next to the accuracy reached.
/// </summary>
public sealed record SetupCost(
    TrainingSymbol Training,
    Schedule Schedule,
    DesignCost Formats,
    DesignCost Uniform16,
    DesignCost FullPrecision,
    StepEnergy? UnfusedEnergy)
{
    /// <summary>The width this report calls full precision: 32-bit fixed point.</summary>
    public const int FullPrecisionBits = 32;

    /// <summary>Area of full precision over the set-up's.</summary>
    public double AreaSaving => FullPrecision.Area / Formats.Area;

    /// <summary>Power of full precision over the set-up's.</summary>
    public double PowerSaving => FullPrecision.Power / Formats.Power;

    /// <summary>Energy per step of full precision over the set-up's.</summary>
    public double EnergySaving => FullPrecision.Energy.Total / Formats.Energy.Total;

    /// <summary>The energy per step that fusion saves (0 when the step is not fused).</summary>
    public double FusionEnergySaving => UnfusedEnergy is null ? 0 : UnfusedEnergy.Total - Formats.Energy.Total;

    /// <summary>The paper's claimed (area, power) savings against full precision for the set-up's data set, or null.</summary>
    public (double Area, double Power)? PaperClaim => Training.Data.Dataset switch
    {
        DatasetKind.Mnist => (1.7, 2.1),
        DatasetKind.Cifar10 => (1.8, 2.3),
        DatasetKind.Svhn => (1.5, 1.9),
        _ => null,
    };
}
