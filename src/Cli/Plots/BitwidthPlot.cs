using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace TaxoNN.Cli.Plots;

/// <summary>Draws area and power against bitwidth, one panel each, for <c>taxo report</c>.</summary>
public static class BitwidthPlot
{
    /// <summary>The label of both panels' horizontal axis.</summary>
    public const string BitsLabel = "bitwidth (bits)";

    /// <summary>The label of the area panel's vertical axis.</summary>
    public const string AreaLabel = "area (table units, per PE)";

    /// <summary>The label of the power panel's vertical axis.</summary>
    public const string PowerLabel = "power (table units, per PE)";

    /// <summary>The legend entry of the dashed line style.</summary>
    public const string ExtrapolatedLabel = "extrapolated";

    private const float LineWidth = 2;
    private const float MarkerSize = 9;

    // Category10, so that series and the paper's markers of the same design share a colour by position.
    private static readonly ScottPlot.Color[] Palette =
    [
        ScottPlot.Color.FromHex("#1F77B4"), ScottPlot.Color.FromHex("#D62728"), ScottPlot.Color.FromHex("#2CA02C"),
        ScottPlot.Color.FromHex("#9467BD"), ScottPlot.Color.FromHex("#FF7F0E"), ScottPlot.Color.FromHex("#8C564B"),
    ];

    private static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleUp];

    private static readonly ScottPlot.Color ExtrapolatedSampleColor = ScottPlot.Color.FromHex("#555555");

    /// <summary>
    /// Writes an SVG with two panels side by side (stacked when taller than wide): area vs bits and power vs bits.
    /// Each panel has one line per series (solid where computed from the paper's table range, dashed where
    /// extrapolated), the paper's points as markers, axis labels, a legend; the figure has a title.
    /// Throws <see cref="InvalidOperationException"/> with <see cref="PlotFonts.MissingMessage"/> when the machine has
    /// no font: check <see cref="PlotFonts.Family"/> first to report that as a diagnostic.
    /// </summary>
    public static string Svg(string title, IReadOnlyList<PlotSeries> area, IReadOnlyList<PlotMarkers> areaPaper,
                             IReadOnlyList<PlotSeries> power, IReadOnlyList<PlotMarkers> powerPaper, int width = 1000, int height = 450) =>
        PlotCanvas.Svg(title, width, height, (canvas, family) => Draw(canvas, family, area, areaPaper, power, powerPaper, width, height));

    /// <summary>The same figure as <see cref="Svg"/>, as PNG bytes.</summary>
    public static byte[] Png(string title, IReadOnlyList<PlotSeries> area, IReadOnlyList<PlotMarkers> areaPaper,
                             IReadOnlyList<PlotSeries> power, IReadOnlyList<PlotMarkers> powerPaper, int width = 1000, int height = 450) =>
        PlotCanvas.Png(title, width, height, (canvas, family) => Draw(canvas, family, area, areaPaper, power, powerPaper, width, height));

    private static void Draw(SKCanvas canvas, string family,
                             IReadOnlyList<PlotSeries> area, IReadOnlyList<PlotMarkers> areaPaper,
                             IReadOnlyList<PlotSeries> power, IReadOnlyList<PlotMarkers> powerPaper, int width, int height)
    {
        const float TitleBand = PlotCanvas.TitleBand;
        var stacked = height > width;
        var (first, second) = stacked
            ? (new PixelRect(0, width, TitleBand + ((height - TitleBand) / 2), TitleBand),
               new PixelRect(0, width, height, TitleBand + ((height - TitleBand) / 2)))
            : (new PixelRect(0, width / 2f, height, TitleBand), new PixelRect(width / 2f, width, height, TitleBand));

        // Area grows fastest at wide words, power flattens there: each legend goes where its curves leave room.
        using var areaPlot = Panel("area", AreaLabel, area, areaPaper, family, Alignment.UpperLeft);
        using var powerPlot = Panel("power", PowerLabel, power, powerPaper, family, Alignment.LowerRight);
        PlotCanvas.Render(areaPlot, canvas, first);
        PlotCanvas.Render(powerPlot, canvas, second);
    }

    private static Plot Panel(string heading, string valueLabel, IReadOnlyList<PlotSeries> series,
                              IReadOnlyList<PlotMarkers> paper, string family, Alignment legendCorner)
    {
        var plot = PlotCanvas.Panel();

        var legend = new List<LegendItem>();
        var anyExtrapolated = false;
        for (var i = 0; i < series.Count; i++)
        {
            var color = Palette[i % Palette.Length];
            var points = series[i].Points.OrderBy(point => point.Bits).ToList();
            foreach (var (run, dashed) in Runs(points))
            {
                AddRun(plot, run, dashed, color);
                anyExtrapolated |= dashed;
            }

            legend.Add(new LegendItem { LabelText = series[i].Label, LineColor = color, LineWidth = LineWidth });
        }

        for (var i = 0; i < paper.Count; i++)
        {
            var color = Palette[i % Palette.Length];
            var shape = Shapes[i % Shapes.Length];
            plot.Add.Plottable(new PathEffectReset());
            var markers = plot.Add.ScatterPoints(
                paper[i].Points.Select(point => point.Bits).ToArray(),
                paper[i].Points.Select(point => point.Value).ToArray(),
                color);
            markers.MarkerShape = shape;
            markers.MarkerSize = MarkerSize;
            legend.Add(new LegendItem
            {
                LabelText = paper[i].Label,
                MarkerShape = shape,
                MarkerSize = MarkerSize,
                MarkerFillColor = color,
            });
        }

        if (anyExtrapolated)
        {
            legend.Add(new LegendItem
            {
                LabelText = ExtrapolatedLabel,
                LineColor = ExtrapolatedSampleColor,
                LineWidth = LineWidth,
                LinePattern = LinePattern.Dashed,
            });
        }

        plot.Title(heading);
        plot.XLabel(BitsLabel);
        plot.YLabel(valueLabel);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = PlotCanvas.Tick };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = PlotCanvas.Tick };

        plot.Legend.ManualItems.AddRange(legend);
        plot.Legend.SymbolWidth = 32;
        plot.ShowLegend(legendCorner);
        PlotCanvas.UseFont(plot, family);
        return plot;
    }

    private static void AddRun(Plot plot, List<PlotPoint> run, bool dashed, ScottPlot.Color color)
    {
        var xs = run.Select(point => point.Bits).ToArray();
        var ys = run.Select(point => point.Value).ToArray();
        if (run.Count == 1)
        {
            // A series of a single bitwidth has no segment to draw; a dot keeps it visible.
            plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, MarkerSize / 2, color);
            return;
        }

        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = LineWidth;
        line.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
    }

    /// <summary>
    /// Splits sorted points into runs of segments of one style; a segment is dashed when either end is extrapolated,
    /// and neighbouring runs share their boundary point so the line stays unbroken.
    /// </summary>
    internal static IEnumerable<(List<PlotPoint> Run, bool Dashed)> Runs(IReadOnlyList<PlotPoint> points)
    {
        if (points.Count == 1)
        {
            yield return ([points[0]], points[0].Extrapolated);
            yield break;
        }

        List<PlotPoint>? run = null;
        var runDashed = false;
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var dashed = points[i].Extrapolated || points[i + 1].Extrapolated;
            if (run is null || dashed != runDashed)
            {
                if (run is not null)
                {
                    yield return (run, runDashed);
                }

                run = [points[i]];
                runDashed = dashed;
            }

            run.Add(points[i + 1]);
        }

        if (run is not null)
        {
            yield return (run, runDashed);
        }
    }
}
