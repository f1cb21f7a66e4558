using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using ScottPlot.Rendering.RenderActions;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace TaxoNN.Cli.Plots;

/// <summary>Draws area and power against bitwidth, one panel each, for <c>taxo report</c>.</summary>
public static partial class BitwidthPlot
{
    /// <summary>The label of both panels' horizontal axis.</summary>
    public const string BitsLabel = "bitwidth (bits)";

    /// <summary>The label of the area panel's vertical axis.</summary>
    public const string AreaLabel = "area (table units, per PE)";

    /// <summary>The label of the power panel's vertical axis.</summary>
    public const string PowerLabel = "power (table units, per PE)";

    /// <summary>The legend entry of the dashed line style.</summary>
    public const string ExtrapolatedLabel = "extrapolated";

    private const float TitleBand = 40;
    private const float TitleSize = 20;
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
                             IReadOnlyList<PlotSeries> power, IReadOnlyList<PlotMarkers> powerPaper, int width = 1000, int height = 450)
    {
        var family = RequireFont(width, height);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            Draw(canvas, family, title, area, areaPaper, power, powerPaper, width, height);
        }

        return RenumberClips(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>The same figure as <see cref="Svg"/>, as PNG bytes.</summary>
    public static byte[] Png(string title, IReadOnlyList<PlotSeries> area, IReadOnlyList<PlotMarkers> areaPaper,
                             IReadOnlyList<PlotSeries> power, IReadOnlyList<PlotMarkers> powerPaper, int width = 1000, int height = 450)
    {
        var family = RequireFont(width, height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Draw(surface.Canvas, family, title, area, areaPaper, power, powerPaper, width, height);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    // Skia names clip paths after a process-wide counter, so the same figure drawn twice in one process would carry
    // other ids; numbering them in order of appearance makes the same input give the same bytes.
    private static string RenumberClips(string svg)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, match =>
        {
            if (!ids.TryGetValue(match.Value, out var id))
            {
                id = "clip" + (ids.Count + 1).ToString(CultureInfo.InvariantCulture);
                ids.Add(match.Value, id);
            }

            return id;
        });
    }

    [GeneratedRegex(@"(?<=\bid=""|url\(#)cl_[0-9a-f]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex ClipId();

    private static string RequireFont(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 200);

        // Without a font Skia measures every text as empty and the SVG comes out with no text at all, silently.
        return PlotFonts.Family ?? throw new InvalidOperationException(PlotFonts.MissingMessage);
    }

    private static void Draw(SKCanvas canvas, string family, string title,
                             IReadOnlyList<PlotSeries> area, IReadOnlyList<PlotMarkers> areaPaper,
                             IReadOnlyList<PlotSeries> power, IReadOnlyList<PlotMarkers> powerPaper, int width, int height)
    {
        using (var background = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill })
        {
            canvas.DrawRect(new SKRect(0, 0, width, height), background);
        }

        DrawTitle(canvas, family, title, width);

        var stacked = height > width;
        var (first, second) = stacked
            ? (new PixelRect(0, width, TitleBand + ((height - TitleBand) / 2), TitleBand),
               new PixelRect(0, width, height, TitleBand + ((height - TitleBand) / 2)))
            : (new PixelRect(0, width / 2f, height, TitleBand), new PixelRect(width / 2f, width, height, TitleBand));

        // Area grows fastest at wide words, power flattens there: each legend goes where its curves leave room.
        using var areaPlot = Panel("area", AreaLabel, area, areaPaper, family, Alignment.UpperLeft);
        using var powerPlot = Panel("power", PowerLabel, power, powerPaper, family, Alignment.LowerRight);
        RenderOnce(areaPlot, canvas, first);
        RenderOnce(powerPlot, canvas, second);
    }

    private static void DrawTitle(SKCanvas canvas, string family, string title, int width)
    {
        using var typeface = SKTypeface.FromFamilyName(family, SKFontStyle.Bold);
        using var font = new SKFont(typeface, TitleSize);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, width / 2f, (TitleBand + TitleSize) / 2 + 2, SKTextAlign.Center, font, paint);
    }

    private static void RenderOnce(Plot plot, SKCanvas canvas, PixelRect rect)
    {
        // The first render of a fresh ScottPlot 5.1.59 plot draws everything twice (an SVG of it holds two copies,
        // one over the other, and twice the text). A first render into a scratch bitmap of the same size takes that
        // pass, so the real canvas receives a single copy.
        using (var scratch = SKSurface.Create(new SKImageInfo((int)Math.Ceiling(rect.Right), (int)Math.Ceiling(rect.Bottom))))
        {
            plot.Render(scratch.Canvas, rect);
        }

        plot.Render(canvas, rect);
    }

    private static Plot Panel(string heading, string valueLabel, IReadOnlyList<PlotSeries> series,
                              IReadOnlyList<PlotMarkers> paper, string family, Alignment legendCorner)
    {
        var plot = new Plot();

        // Both panels share one canvas; ScottPlot's clearing would wipe whatever the other panel drew before.
        plot.RenderManager.RenderActions.RemoveAll(action => action is ClearCanvas);

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
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = Format };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Format };

        plot.Legend.ManualItems.AddRange(legend);
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Legend.SymbolWidth = 32;
        plot.ShowLegend(legendCorner);

        // Last, so that the title, labels, ticks and legend all take the chosen family.
        plot.Font.Set(family);
        plot.Legend.FontName = family;
        return plot;
    }

    // Culture-free tick labels: the same data gives the same figure on every machine's locale.
    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

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
