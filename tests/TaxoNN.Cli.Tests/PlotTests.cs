using System.Xml.Linq;
using TaxoNN.Cli.Plots;

namespace TaxoNN.Cli.Tests;

public sealed class PlotTests
{
    private const string Title = "Area & power per PE <LeNet-5>";
    private const string EyerissColor = "#1F77B4";
    private const string TaxoNNColor = "#D62728";
    private const string ExtrapolatedColor = "#555";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly double[] TableBits = [13, 15, 17, 19, 21];

    [Fact]
    public void The_svg_is_well_formed_and_carries_the_title_axis_labels_and_legend()
    {
        var document = XDocument.Parse(Render(extrapolate: true));

        var texts = Texts(document);
        Assert.Contains(Title, texts);
        Assert.Equal(2, texts.Count(text => text == BitwidthPlot.BitsLabel));
        Assert.Single(texts, BitwidthPlot.AreaLabel);
        Assert.Single(texts, BitwidthPlot.PowerLabel);
        foreach (var label in new[] { "Eyeriss", "TaxoNN", "Eyeriss (paper)", "TaxoNN (paper)", BitwidthPlot.ExtrapolatedLabel })
        {
            // One legend per panel.
            Assert.Equal(2, texts.Count(text => text == label));
        }
    }

    [Fact]
    public void Each_paper_point_is_one_marker_plus_one_legend_symbol_per_panel()
    {
        // Power gets fewer paper points than area, so a mix-up of the two panels shows in the counts.
        var document = XDocument.Parse(Render(extrapolate: true, powerPaperPoints: 3));

        // The first design's markers are circles, the second's squares.
        var circles = Elements(document, "ellipse").Count(element => Fill(element) == EyerissColor);
        var squares = Elements(document, "rect").Count(element => Fill(element) == TaxoNNColor);
        Assert.Equal(5 + 3 + 2, circles);
        Assert.Equal(5 + 3 + 2, squares);
    }

    [Fact]
    public void Extrapolated_stretches_are_dashed()
    {
        var document = XDocument.Parse(Render(extrapolate: true));

        // Skia writes a dashed stroke as one filled path of one subpath per dash; per panel each series has a
        // dashed stretch below and above the table's 13..21 bits, and the legend shows one dashed sample.
        Assert.Equal(2 * 2, DashedPaths(document).Count(path => Fill(path) == EyerissColor));
        Assert.Equal(2 * 2, DashedPaths(document).Count(path => Fill(path) == TaxoNNColor));
        Assert.Equal(2, DashedPaths(document).Count(path => Fill(path) == ExtrapolatedColor));

        // The computed stretch stays a plain stroked line: one per series and panel, one more per legend entry.
        Assert.Equal(2 * 2, StrokedPaths(document).Count(path => (string?)path.Attribute("stroke") == EyerissColor));
    }

    [Fact]
    public void Without_extrapolated_points_nothing_is_dashed_and_the_legend_has_no_dashed_entry()
    {
        var document = XDocument.Parse(Render(extrapolate: false));

        Assert.Empty(DashedPaths(document));
        Assert.DoesNotContain(BitwidthPlot.ExtrapolatedLabel, Texts(document));
        Assert.Equal(2 * 2, StrokedPaths(document).Count(path => (string?)path.Attribute("stroke") == TaxoNNColor));
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes_even_after_other_drawing_in_the_process()
    {
        var first = Render(extrapolate: true);

        // Skia's clip-path ids come from a process-wide counter; other drawing in between advances it.
        _ = RenderPng();
        var second = Render(extrapolate: true);

        Assert.Equal(first, second);
        Assert.Contains("id=\"clip1\"", first, StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_taller_than_wide_stacks_the_power_panel_under_the_area_panel()
    {
        var document = XDocument.Parse(Render(extrapolate: true, width: 600, height: 900));

        var area = Origin(Elements(document, "text").Single(text => text.Value.Trim() == BitwidthPlot.AreaLabel));
        var power = Origin(Elements(document, "text").Single(text => text.Value.Trim() == BitwidthPlot.PowerLabel));
        Assert.True(power.Y > area.Y + 300, $"power label at {power}, area label at {area}");
        Assert.True(Math.Abs(power.X - area.X) < 50, $"power label at {power}, area label at {area}");
    }

    [Fact]
    public void The_png_is_a_png_of_the_requested_size()
    {
        var png = RenderPng();

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        // The IHDR chunk holds width and height, big-endian, at bytes 16..23.
        Assert.Equal(1000, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(450, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
    }

    [Fact]
    public void Runs_split_at_the_table_edges_and_share_their_boundary_points()
    {
        PlotPoint[] points = [new(12, 1, true), new(13, 2, false), new(14, 3, false), new(15, 4, true), new(16, 5, true)];

        var runs = BitwidthPlot.Runs(points).Select(run => (Bits: run.Run.Select(point => point.Bits).ToArray(), run.Dashed)).ToList();

        Assert.Equal([true, false, true], runs.Select(run => run.Dashed));
        Assert.Equal([12.0, 13.0], runs[0].Bits);
        Assert.Equal([13.0, 14.0], runs[1].Bits);
        Assert.Equal([14.0, 15.0, 16.0], runs[2].Bits);
    }

    [Fact]
    public void A_single_point_is_one_run_of_its_own_style()
    {
        var runs = BitwidthPlot.Runs([new PlotPoint(8, 1, true)]).ToList();

        Assert.Single(runs);
        Assert.True(runs[0].Dashed);
        Assert.Single(runs[0].Run);
    }

    [Theory]
    [InlineData(new[] { "DejaVu Serif", "DejaVu Sans", "DejaVu Sans Mono" }, "DejaVu Sans")]
    [InlineData(new[] { "Zapf", "liberation sans", "Noto Sans" }, "liberation sans")]
    [InlineData(new[] { "Zeta", "Alpha", "" }, "Alpha")]
    public void The_font_is_a_preferred_sans_face_else_the_first_by_name(string[] installed, string expected) =>
        Assert.Equal(expected, PlotFonts.Choose(installed));

    [Fact]
    public void No_installed_font_gives_no_family()
    {
        Assert.Null(PlotFonts.Choose([]));
        Assert.Contains("fonts-dejavu-core", PlotFonts.MissingMessage, StringComparison.Ordinal);
    }

    private static string Render(bool extrapolate, int powerPaperPoints = 5, int width = 1000, int height = 450)
    {
        var (area, areaPaper, power, powerPaper) = Sample(extrapolate, powerPaperPoints);
        return BitwidthPlot.Svg(Title, area, areaPaper, power, powerPaper, width, height);
    }

    private static byte[] RenderPng()
    {
        var (area, areaPaper, power, powerPaper) = Sample(extrapolate: true, powerPaperPoints: 5);
        return BitwidthPlot.Png(Title, area, areaPaper, power, powerPaper);
    }

    // Per-PE figures near the paper's tables: Eyeriss area 8.1 at 13 bits to 14.3 at 21, TaxoNN about 9 % more;
    // power 3.75..4.54 (Eyeriss) and 4.04..4.84 (TaxoNN). Bits 8..32, or only the table's 13..21 without extrapolation.
    private static (List<PlotSeries>, List<PlotMarkers>, List<PlotSeries>, List<PlotMarkers>) Sample(bool extrapolate, int powerPaperPoints)
    {
        var bits = extrapolate ? Enumerable.Range(8, 25) : Enumerable.Range(13, 9);
        List<PlotSeries> Series(double eyerissLow, double eyerissHigh, double taxoLow, double taxoHigh) =>
        [
            new("Eyeriss", bits.Select(b => Point(b, eyerissLow, eyerissHigh)).ToList()),
            new("TaxoNN", bits.Select(b => Point(b, taxoLow, taxoHigh)).ToList()),
        ];
        List<PlotMarkers> Paper(int count, double eyerissLow, double eyerissHigh, double taxoLow, double taxoHigh) =>
        [
            new("Eyeriss (paper)", TableBits.Take(count).Select(b => (b, Between(b, eyerissLow, eyerissHigh))).ToList()),
            new("TaxoNN (paper)", TableBits.Take(count).Select(b => (b, Between(b, taxoLow, taxoHigh))).ToList()),
        ];

        return (Series(8.1, 14.3, 8.83, 15.59), Paper(5, 8.1, 14.3, 8.83, 15.59),
                Series(3.75, 4.54, 4.04, 4.84), Paper(powerPaperPoints, 3.75, 4.54, 4.04, 4.84));
    }

    private static PlotPoint Point(int bits, double low, double high) => new(bits, Between(bits, low, high), bits is < 13 or > 21);

    private static double Between(double bits, double low, double high) => low + ((high - low) * (bits - 13) / 8);

    private static List<string> Texts(XDocument document) => Elements(document, "text").Select(text => text.Value.Trim()).ToList();

    private static IEnumerable<XElement> Elements(XDocument document, string name) => document.Descendants(Svg + name);

    private static string? Fill(XElement element) => (string?)element.Attribute("fill");

    private static IEnumerable<XElement> DashedPaths(XDocument document) =>
        Elements(document, "path").Where(path =>
            Fill(path) is { } fill && fill != "none" && path.Attribute("stroke") is null &&
            ((string?)path.Attribute("d") ?? "").Count(c => c == 'M') >= 2);

    private static IEnumerable<XElement> StrokedPaths(XDocument document) =>
        Elements(document, "path").Where(path => Fill(path) == "none" && path.Attribute("stroke") is not null);

    private static (double X, double Y) Origin(XElement text)
    {
        // Skia places text with transform="translate(x y)" or, rotated, "matrix(a b c d x y)": the last two numbers.
        var transform = (string?)text.Attribute("transform") ?? "";
        var start = transform.IndexOf('(', StringComparison.Ordinal) + 1;
        var parts = transform[start..transform.IndexOf(')', start)].Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return (double.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
