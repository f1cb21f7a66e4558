using System.Collections.Immutable;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Runtime.CostModel;

namespace TaxoNN.Runtime.Reporting;

/// <summary>
/// Everything <c>taxo report</c> shows: the paper's two tables next to the model, the fits that extrapolate them,
/// and for each training set-up its costs and a sweep of area, power and energy per step over 8..32 bits for both
/// designs (extrapolated figures marked).
/// </summary>
public sealed record CostReport(
    ImmutableArray<CalibrationRow> Area,
    ImmutableArray<CalibrationRow> Power,
    ImmutableArray<SetupCost> Setups,
    ImmutableArray<ImmutableArray<SweepPoint>> Sweeps,
    ImmutableArray<SweepPoint> DesignSweep)
{
    /// <summary>The narrowest width of the sweeps.</summary>
    public const int SweepFrom = 8;

    /// <summary>The widest width of the sweeps.</summary>
    public const int SweepTo = 32;

    /// <summary>The report of <paramref name="schedules"/> (one per training set-up, possibly none).</summary>
    public static CostReport Create(IEnumerable<Schedule> schedules, PeCostModel? model = null)
    {
        model ??= PeCostModel.Default;
        var setups = schedules.Select(s => SetupCostModel.Compute(s, model)).ToImmutableArray();
        var sweeps = setups.Select(setup => Sweep(model, setup.Schedule)).ToImmutableArray();
        return new CostReport(Calibration(model, CostQuantity.Area), Calibration(model, CostQuantity.Power), setups, sweeps, Sweep(model, null));
    }

    private static ImmutableArray<CalibrationRow> Calibration(PeCostModel model, CostQuantity quantity) =>
    [
        .. PaperTables.Bitwidths.Select(bits => new CalibrationRow(
            bits,
            PaperTables.Value(Design.Eyeriss, quantity, bits),
            model.Estimate(Design.Eyeriss, quantity, bits).Value,
            PaperTables.Value(Design.TaxoNN, quantity, bits),
            model.Estimate(Design.TaxoNN, quantity, bits).Value,
            PaperTables.PaperOverhead(quantity, bits),
            model.RecomputedOverhead(quantity, bits))),
    ];

    private static ImmutableArray<SweepPoint> Sweep(PeCostModel model, Schedule? schedule) =>
    [
        .. Enum.GetValues<Design>().SelectMany(design => Enumerable.Range(SweepFrom, SweepTo - SweepFrom + 1).Select(bits => new SweepPoint(
            design,
            bits,
            model.Estimate(design, CostQuantity.Area, bits),
            model.Estimate(design, CostQuantity.Power, bits),
            schedule is null ? null : EnergyModel.Compute(schedule, design, bits, model).Total))),
    ];
}
