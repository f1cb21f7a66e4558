using System.Collections.Immutable;

namespace TaxoNN.Sweeps;

/// <summary>
/// Chooses what <c>taxo sweep collect --plot</c> draws (docs/sweeps.md, "Collecting"): misclassification against area,
/// power and energy per step when the points trained; cycles and energy per step against area when they were costed
/// only; or why there is nothing to plot.
/// </summary>
public static class FrontierPanels
{
    /// <summary>The figure plotted upwards when the points trained.</summary>
    public const string Misclassification = "misclassification";

    /// <summary>The costs that misclassification is plotted against, one panel each, in this order.</summary>
    public static readonly ImmutableArray<string> Costs = ["area", "power", "energy_per_step"];

    /// <summary>The figures plotted against area when the points were costed only, one panel each.</summary>
    public static readonly ImmutableArray<string> CostOnly = ["cycles_per_step", "energy_per_step"];

    /// <summary>
    /// The panels of <paramref name="results"/>' finished fixed-point points, or none with <paramref name="whyNot"/>
    /// saying why and what to change.
    /// </summary>
    public static ImmutableArray<FrontierPanel> Of(SweepPlan plan, IReadOnlyList<PointResult> results, out string? whyNot)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var done = results.Where(r => r.Status == "done").ToList();
        var points = done.Where(r => !r.IsFloat).ToList();
        var reference = done.FirstOrDefault(r => r.IsFloat);
        whyNot = null;
        if (points.Count == 0)
        {
            whyNot = "the sweep has no finished fixed-point results yet; run its points first ('taxo sweep run' or 'submit').";
            return [];
        }

        ImmutableArray<FrontierPanel> panels;
        if (points.Any(r => Finite(r.Metric(Misclassification))))
        {
            var floor = reference?.Metric(Misclassification);
            var ceiling = plan.Budget is { } budget && floor is { } f ? f + (budget / 100) : (double?)null;
            panels = [.. Costs.Select(x => Panel(points, reference, x, Misclassification, ceiling)).OfType<FrontierPanel>()];
            if (panels.IsEmpty)
            {
                whyNot = "the results have a misclassification but no area, power or energy to plot it against; add 'area', 'power' or 'energy' to the sweep's metrics.";
            }

            return panels;
        }

        panels = [.. CostOnly.Select(y => Panel(points, null, "area", y, null)).OfType<FrontierPanel>()];
        if (panels.IsEmpty)
        {
            whyNot = "the results have neither a misclassification (the points did not train) nor both an area and cycles or energy per step; " +
                "add 'misclassification', or 'area' with 'cycles' or 'energy', to the sweep's metrics.";
        }

        return panels;
    }

    private static FrontierPanel? Panel(List<PointResult> points, PointResult? reference, string x, string y, double? ceiling)
    {
        var pairs = points.Select(r => (r.Index, X: r.Metric(x), Y: r.Metric(y)))
            .Where(p => Finite(p.X) && Finite(p.Y)).Select(p => (p.Index, X: p.X!.Value, Y: p.Y!.Value)).ToList();
        if (pairs.Count == 0)
        {
            return null;
        }

        var frontier = ParetoFrontier.OnFrontier([.. pairs.Select(p => (p.X, p.Y))]);
        var marked = pairs.Select((p, i) => new FrontierPoint(p.Index, p.X, p.Y, frontier[i])).ToImmutableArray();
        FrontierPoint? floor = reference is not null && reference.Metric(x) is { } rx && reference.Metric(y) is { } ry && double.IsFinite(rx) && double.IsFinite(ry)
            ? new FrontierPoint(reference.Index, rx, ry, false)
            : null;
        return new FrontierPanel(x, y, marked, floor, ceiling);
    }

    private static bool Finite(double? value) => value is { } v && double.IsFinite(v);
}
