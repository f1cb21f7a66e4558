using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Cli.Plots;

/// <summary>
/// Draws the curves of <c>taxo train --plot</c>, one panel each: the running training loss against samples trained,
/// and the test misclassification after each epoch; one series per precision that ran, told apart by colour, marker
/// and legend.
/// </summary>
internal static class TrainingPlot
{
    /// <summary>The heading of the loss panel.</summary>
    public const string LossHeading = "training loss";

    /// <summary>The heading of the misclassification panel.</summary>
    public const string ErrorHeading = "test misclassification";

    /// <summary>The label of the loss panel's horizontal axis.</summary>
    public const string SamplesLabel = "samples trained";

    /// <summary>The label of the loss panel's vertical axis.</summary>
    public const string LossLabel = "running loss";

    /// <summary>The label of the misclassification panel's horizontal axis.</summary>
    public const string EpochLabel = "epoch";

    /// <summary>The label of the misclassification panel's vertical axis.</summary>
    public const string ErrorLabel = "test misclassification (%)";

    /// <summary>The colour of fixed-point series (Category10 blue).</summary>
    public const string FixedColor = "#1F77B4";

    /// <summary>The colour of float32 series (Category10 red).</summary>
    public const string FloatColor = "#D62728";

    // Fixed point is drawn first, wider and with larger markers, and float32 over it: where the two coincide (wide
    // formats follow float32 closely) the fixed-point curve still shows as a rim around the float32 one.
    private const float FixedLineWidth = 3.5f;
    private const float FloatLineWidth = 1.5f;
    private const float FixedMarkerSize = 12;
    private const float FloatMarkerSize = 7;

    /// <summary>The picture format that <paramref name="path"/>'s extension names, or null for any other extension.</summary>
    public static PlotFormat? FormatOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".SVG" => PlotFormat.Svg,
        ".PNG" => PlotFormat.Png,
        _ => null,
    };

    /// <summary>The legend entry of a precision.</summary>
    public static string Label(PrecisionMode precision) => precision == PrecisionMode.Float ? "float32" : "fixed point";

    /// <summary>
    /// The figure of <paramref name="results"/> in <paramref name="format"/> (SVG as UTF-8 text). Throws
    /// <see cref="InvalidOperationException"/> with <see cref="PlotFonts.MissingMessage"/> when the machine has no font.
    /// </summary>
    public static byte[] Draw(PlotFormat format, string title, IReadOnlyList<TrainingResult> results, int width = 1000, int height = 450) =>
        format == PlotFormat.Png ? Png(title, results, width, height) : System.Text.Encoding.UTF8.GetBytes(Svg(title, results, width, height));

    /// <summary>The figure as SVG text.</summary>
    public static string Svg(string title, IReadOnlyList<TrainingResult> results, int width = 1000, int height = 450) =>
        PlotCanvas.Svg(title, width, height, (canvas, family) => DrawPanels(canvas, family, results, width, height));

    /// <summary>The figure as PNG bytes.</summary>
    public static byte[] Png(string title, IReadOnlyList<TrainingResult> results, int width = 1000, int height = 450) =>
        PlotCanvas.Png(title, width, height, (canvas, family) => DrawPanels(canvas, family, results, width, height));

    private static void DrawPanels(SKCanvas canvas, string family, IReadOnlyList<TrainingResult> results, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var loss = LossPanel(results, family);
        using var errors = ErrorPanel(results, family);
        PlotCanvas.Render(loss, canvas, new PixelRect(0, width / 2f, height, PlotCanvas.TitleBand));
        PlotCanvas.Render(errors, canvas, new PixelRect(width / 2f, width, height, PlotCanvas.TitleBand));
    }

    private static Plot LossPanel(IReadOnlyList<TrainingResult> results, string family)
    {
        var plot = PlotCanvas.Panel();
        foreach (var result in InDrawingOrder(results))
        {
            // A diverged run's loss overflows to infinity or NaN; the curve stops where its values stop being numbers.
            var points = result.Loss.Where(point => double.IsFinite(point.Loss)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(
                points.Select(point => (double)point.Samples).ToArray(), points.Select(point => point.Loss).ToArray(), ColorOf(result.Precision));
            line.LineWidth = LineWidthOf(result.Precision);

            // A curve of one point has no segment to show; a dot keeps it visible.
            line.MarkerShape = points.Count == 1 ? ShapeOf(result.Precision) : MarkerShape.None;
            line.MarkerSize = points.Count == 1 ? MarkerSizeOf(result.Precision) : 0;
            line.LegendText = Label(result.Precision);
        }

        plot.Title(LossHeading);
        plot.XLabel(SamplesLabel);
        plot.YLabel(LossLabel);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = PlotCanvas.Tick };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = PlotCanvas.Tick };
        return Finish(plot, family);
    }

    private static Plot ErrorPanel(IReadOnlyList<TrainingResult> results, string family)
    {
        var plot = PlotCanvas.Panel();
        foreach (var result in InDrawingOrder(results))
        {
            var points = result.TestError.Where(point => double.IsFinite(point.Misclassification)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(
                points.Select(point => (double)point.Epoch).ToArray(), points.Select(point => point.Misclassification * 100).ToArray(), ColorOf(result.Precision));
            line.LineWidth = LineWidthOf(result.Precision);
            line.MarkerShape = ShapeOf(result.Precision);
            line.MarkerSize = MarkerSizeOf(result.Precision);
            line.LegendText = Label(result.Precision);
        }

        plot.Title(ErrorHeading);
        plot.XLabel(EpochLabel);
        plot.YLabel(ErrorLabel);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = PlotCanvas.Tick };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = PlotCanvas.Tick };
        return Finish(plot, family);
    }

    private static Plot Finish(Plot plot, string family)
    {
        plot.Legend.SymbolWidth = 32;
        plot.ShowLegend(Alignment.UpperRight);

        // Last, so that the title, labels, ticks and legend all take the chosen family.
        PlotCanvas.UseFont(plot, family);
        return plot;
    }

    private static IEnumerable<TrainingResult> InDrawingOrder(IReadOnlyList<TrainingResult> results) =>
        results.OrderBy(result => result.Precision == PrecisionMode.Float ? 1 : 0);

    private static float LineWidthOf(PrecisionMode precision) => precision == PrecisionMode.Float ? FloatLineWidth : FixedLineWidth;

    private static float MarkerSizeOf(PrecisionMode precision) => precision == PrecisionMode.Float ? FloatMarkerSize : FixedMarkerSize;

    private static ScottPlot.Color ColorOf(PrecisionMode precision) =>
        ScottPlot.Color.FromHex(precision == PrecisionMode.Float ? FloatColor : FixedColor);

    private static MarkerShape ShapeOf(PrecisionMode precision) =>
        precision == PrecisionMode.Float ? MarkerShape.FilledSquare : MarkerShape.FilledCircle;
}
