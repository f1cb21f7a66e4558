using System.Xml.Linq;
using TaxoNN.Cli.Plots;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Cli.Tests;

public sealed class TrainingPlotTests
{
    private const string Title = "LeNet5Mnist on MNIST <subset> & co";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_svg_carries_the_title_both_panels_labels_and_a_legend_entry_per_precision_in_each()
    {
        var texts = Texts(XDocument.Parse(TrainingPlot.Svg(Title, [Run(PrecisionMode.Fixed, 40, 3), Run(PrecisionMode.Float, 30, 3)])));

        foreach (var text in new[] { Title, TrainingPlot.LossHeading, TrainingPlot.ErrorHeading, TrainingPlot.SamplesLabel, TrainingPlot.LossLabel, TrainingPlot.EpochLabel, TrainingPlot.ErrorLabel })
        {
            Assert.Single(texts, text);
        }

        Assert.Equal(2, texts.Count(text => text == "fixed point"));
        Assert.Equal(2, texts.Count(text => text == "float32"));
    }

    [Fact]
    public void Each_loss_curve_is_one_line_of_its_colour_through_every_point()
    {
        var document = XDocument.Parse(TrainingPlot.Svg(Title, [Run(PrecisionMode.Fixed, 40, 3), Run(PrecisionMode.Float, 30, 3)]));

        Assert.Equal(40, Vertices(LongestLine(document, TrainingPlot.FixedColor)));
        Assert.Equal(30, Vertices(LongestLine(document, TrainingPlot.FloatColor)));
    }

    [Fact]
    public void Each_epoch_is_a_marker_circles_for_fixed_point_and_squares_for_float32_plus_one_in_the_legend()
    {
        var document = XDocument.Parse(TrainingPlot.Svg(Title, [Run(PrecisionMode.Fixed, 40, 3), Run(PrecisionMode.Float, 30, 2)]));

        Assert.Equal(3 + 1, Elements(document, "ellipse").Count(e => Fill(e) == TrainingPlot.FixedColor));
        Assert.Equal(2 + 1, Elements(document, "rect").Count(e => Fill(e) == TrainingPlot.FloatColor));
        Assert.Equal(3, Vertices(LongestLine(document, TrainingPlot.FixedColor, skip: 40)));
    }

    [Fact]
    public void Fixed_point_is_drawn_wider_and_beneath_float32_so_that_coinciding_curves_both_show()
    {
        // Given float32 first, as a caller might.
        var document = XDocument.Parse(TrainingPlot.Svg(Title, [Run(PrecisionMode.Float, 30, 3), Run(PrecisionMode.Fixed, 30, 3)]));

        var paths = Elements(document, "path").ToList();
        var fixedLine = LongestLine(document, TrainingPlot.FixedColor);
        var floatLine = LongestLine(document, TrainingPlot.FloatColor);
        Assert.True(paths.IndexOf(fixedLine) < paths.IndexOf(floatLine));
        Assert.True(Width(fixedLine) > Width(floatLine), $"{Width(fixedLine)} against {Width(floatLine)}");
    }

    [Fact]
    public void Losses_that_are_not_numbers_are_left_out_of_the_curve()
    {
        var run = Run(PrecisionMode.Fixed, 20, 2);
        var losses = run.Loss.SetItem(5, (run.Loss[5].Samples, double.NaN)).SetItem(19, (run.Loss[19].Samples, double.PositiveInfinity));

        var svg = TrainingPlot.Svg(Title, [run with { Loss = losses }]);

        Assert.Equal(18, Vertices(LongestLine(XDocument.Parse(svg), TrainingPlot.FixedColor)));
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_curves_still_gives_both_panels()
    {
        var texts = Texts(XDocument.Parse(TrainingPlot.Svg(Title, [Run(PrecisionMode.Fixed, 0, 0)])));

        Assert.Contains(TrainingPlot.LossHeading, texts);
        Assert.Contains(TrainingPlot.ErrorHeading, texts);
        Assert.DoesNotContain("fixed point", texts);
    }

    [Fact]
    public void The_same_curves_give_the_same_bytes_even_after_other_drawing_in_the_process()
    {
        IReadOnlyList<TrainingResult> runs = [Run(PrecisionMode.Fixed, 40, 3), Run(PrecisionMode.Float, 30, 3)];

        var first = TrainingPlot.Svg(Title, runs);
        _ = TrainingPlot.Png(Title, runs);
        var second = TrainingPlot.Svg(Title, runs);

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_png_is_a_png_of_the_requested_size()
    {
        var png = TrainingPlot.Draw(PlotFormat.Png, Title, [Run(PrecisionMode.Fixed, 40, 3)], 800, 400);

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal(800, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(400, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
    }

    [Theory]
    [InlineData("curves.svg", "Svg")]
    [InlineData("out/Curves.SVG", "Svg")]
    [InlineData("curves.png", "Png")]
    [InlineData("curves.pdf", null)]
    [InlineData("curves", null)]
    public void The_extension_picks_the_format(string path, string? expected) =>
        Assert.Equal(expected, TrainingPlot.FormatOf(path)?.ToString());

    // A run with a falling loss every 10 samples and a falling test error per epoch; sizes tell the series apart.
    private static TrainingResult Run(PrecisionMode precision, int lossPoints, int epochs) => new(
        precision,
        0.1,
        100,
        lossPoints * 10L,
        [.. Enumerable.Range(1, lossPoints).Select(i => (i * 10L, 2.3 / i))],
        [.. Enumerable.Range(1, epochs).Select(e => (e, 0.5 / e))]);

    private static List<string> Texts(XDocument document) => [.. Elements(document, "text").Select(text => text.Value.Trim())];

    private static IEnumerable<XElement> Elements(XDocument document, string name) => document.Descendants(Svg + name);

    private static string? Fill(XElement element) => (string?)element.Attribute("fill");

    // The stroked path of that colour with the most vertices, after leaving out those with more than skip.
    private static XElement LongestLine(XDocument document, string color, int skip = int.MaxValue) =>
        Elements(document, "path")
            .Where(path => (string?)path.Attribute("stroke") == color && Vertices(path) < skip)
            .MaxBy(Vertices)!;

    private static int Vertices(XElement path) => ((string?)path.Attribute("d") ?? "").Count(c => c is 'M' or 'L');

    private static double Width(XElement path) =>
        double.Parse((string?)path.Attribute("stroke-width") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
}
