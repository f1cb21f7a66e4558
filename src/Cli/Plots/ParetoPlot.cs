using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;
using TaxoNN.Sweeps;

namespace TaxoNN.Cli.Plots;

/// <summary>
/// Draws <c>taxo sweep collect --plot</c>: one panel per <see cref="FrontierPanel"/>, side by side, each with the
/// Pareto frontier's points joined and highlighted, the dominated points faded grey, and the float32 reference and the
/// budget's ceiling where the sweep has them.
/// </summary>
internal static class ParetoPlot
{
    /// <summary>The legend entry of the frontier's points.</summary>
    public const string FrontierLabel = "Pareto frontier";

    /// <summary>The legend entry of the dominated points.</summary>
    public const string DominatedLabel = "dominated";

    /// <summary>The legend entry of the float32 reference.</summary>
    public const string ReferenceLabel = "float32 reference";

    /// <summary>The colour of the frontier (Category10 blue).</summary>
    public const string FrontierColor = "#1F77B4";

    /// <summary>The colour of the reference and the budget's ceiling (Category10 red).</summary>
    public const string ReferenceColor = "#D62728";

    /// <summary>The width of one panel, in pixels.</summary>
    public const int PanelWidth = 520;

    /// <summary>The figure's height, in pixels.</summary>
    public const int Height = 480;

    private const float FrontierLineWidth = 2;
    private const float FrontierMarkerSize = 9;
    private const float DominatedMarkerSize = 7;

    // Faded, so that the many dominated points of a large sweep stay in the background of the few that matter.
    private static readonly ScottPlot.Color Dominated = ScottPlot.Color.FromHex("#7F7F7F").WithAlpha(0.35);

    /// <summary>The figure of <paramref name="panels"/> in <paramref name="format"/> (SVG as UTF-8 text).</summary>
    public static byte[] Draw(PlotFormat format, string title, IReadOnlyList<FrontierPanel> panels, string? energyUnit)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentOutOfRangeException.ThrowIfZero(panels.Count);
        var width = PanelWidth * panels.Count;
        void DrawPanels(SKCanvas canvas, string family)
        {
            for (var i = 0; i < panels.Count; i++)
            {
                using var plot = Panel(panels[i], energyUnit, family);
                PlotCanvas.Render(plot, canvas, new PixelRect(i * PanelWidth, (i + 1) * PanelWidth, Height, PlotCanvas.TitleBand));
            }
        }

        return format == PlotFormat.Png
            ? PlotCanvas.Png(title, width, Height, DrawPanels)
            : System.Text.Encoding.UTF8.GetBytes(PlotCanvas.Svg(title, width, Height, DrawPanels));
    }

    /// <summary>The axis label of a figure; misclassification is plotted in percent.</summary>
    public static string Label(string metric, string? energyUnit) => metric switch
    {
        FrontierPanels.Misclassification => "misclassification (%)",
        "area" => "area (table units)",
        "power" => "power (table units)",
        "cycles_per_step" => "cycles per training step",
        "energy_per_step" => $"energy per training step ({energyUnit ?? "table units"})",
        _ => metric.Replace('_', ' '),
    };

    private static Plot Panel(FrontierPanel panel, string? energyUnit, string family)
    {
        var plot = PlotCanvas.Panel();
        var scale = panel.YMetric == FrontierPanels.Misclassification ? 100 : 1;
        var legend = new List<LegendItem>();
        var frontierColor = ScottPlot.Color.FromHex(FrontierColor);
        var referenceColor = ScottPlot.Color.FromHex(ReferenceColor);

        // The ceiling first, under the points: it is the only dashed line, and markers drawn after it need the dash cleared.
        if (panel.Ceiling is { } ceiling)
        {
            var line = plot.Add.HorizontalLine(ceiling * scale, 1.5f, referenceColor, LinePattern.Dashed);
            line.LegendText = string.Empty;
            plot.Add.Plottable(new PathEffectReset());
            legend.Add(new LegendItem { LabelText = "budget ceiling", LineColor = referenceColor, LineWidth = 1.5f, LinePattern = LinePattern.Dashed });
        }

        var dominated = panel.Points.Where(p => !p.OnFrontier).ToList();
        if (dominated.Count > 0)
        {
            var faded = plot.Add.ScatterPoints(dominated.Select(p => p.X).ToArray(), dominated.Select(p => p.Y * scale).ToArray(), Dominated);
            faded.MarkerShape = MarkerShape.FilledCircle;
            faded.MarkerSize = DominatedMarkerSize;
            legend.Add(new LegendItem { LabelText = $"{DominatedLabel} ({Count(dominated.Count)})", MarkerShape = MarkerShape.FilledCircle, MarkerSize = DominatedMarkerSize, MarkerFillColor = Dominated });
        }

        // Along the frontier a cheaper point is a worse one: joined in order of cost, the line is the trade-off.
        var frontier = panel.Points.Where(p => p.OnFrontier).OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        var joined = plot.Add.Scatter(frontier.Select(p => p.X).ToArray(), frontier.Select(p => p.Y * scale).ToArray(), frontierColor);
        joined.LineWidth = frontier.Count > 1 ? FrontierLineWidth : 0;
        joined.MarkerShape = MarkerShape.FilledCircle;
        joined.MarkerSize = FrontierMarkerSize;
        legend.Add(new LegendItem
        {
            LabelText = $"{FrontierLabel} ({Count(frontier.Count)})", LineColor = frontierColor, LineWidth = FrontierLineWidth,
            MarkerShape = MarkerShape.FilledCircle, MarkerSize = FrontierMarkerSize, MarkerFillColor = frontierColor,
        });

        if (panel.Reference is { } reference)
        {
            var marker = plot.Add.ScatterPoints(new[] { reference.X }, new[] { reference.Y * scale }, referenceColor);
            marker.MarkerShape = MarkerShape.FilledSquare;
            marker.MarkerSize = FrontierMarkerSize;
            legend.Add(new LegendItem { LabelText = ReferenceLabel, MarkerShape = MarkerShape.FilledSquare, MarkerSize = FrontierMarkerSize, MarkerFillColor = referenceColor });
        }

        plot.Title($"{Heading(panel.YMetric)} against {Heading(panel.XMetric)}");
        plot.XLabel(Label(panel.XMetric, energyUnit));
        plot.YLabel(Label(panel.YMetric, energyUnit));
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = PlotCanvas.Tick };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = PlotCanvas.Tick };
        plot.Legend.ManualItems.AddRange(legend);
        plot.Legend.SymbolWidth = 32;
        plot.ShowLegend(Alignment.UpperRight);
        PlotCanvas.UseFont(plot, family);
        return plot;
    }

    private static string Heading(string metric) => metric switch
    {
        "cycles_per_step" => "cycles",
        "energy_per_step" => "energy",
        _ => metric,
    };

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
