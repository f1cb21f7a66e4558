using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using ScottPlot.Rendering.RenderActions;
using SkiaSharp;

namespace TaxoNN.Cli.Plots;

/// <summary>
/// A figure of ScottPlot panels drawn onto one Skia canvas, as SVG text or PNG bytes, the same bytes for the same input:
/// a white background, a bold title across the top, the installed font of <see cref="PlotFonts"/>.
/// </summary>
internal static partial class PlotCanvas
{
    /// <summary>The height of the band the title takes at the top.</summary>
    public const float TitleBand = 40;

    private const float TitleSize = 20;

    /// <summary>
    /// Draws a figure of <paramref name="width"/> by <paramref name="height"/> pixels with <paramref name="draw"/>
    /// (given the canvas and the font family) and returns it as SVG text. Throws
    /// <see cref="InvalidOperationException"/> with <see cref="PlotFonts.MissingMessage"/> when the machine has no font.
    /// </summary>
    public static string Svg(string title, int width, int height, Action<SKCanvas, string> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        var family = RequireFont(width, height);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            Background(canvas, family, title, width, height);
            draw(canvas, family);
        }

        return RenumberClips(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>The same figure as <see cref="Svg"/>, as PNG bytes.</summary>
    public static byte[] Png(string title, int width, int height, Action<SKCanvas, string> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        var family = RequireFont(width, height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Background(surface.Canvas, family, title, width, height);
        draw(surface.Canvas, family);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A plot that draws onto a shared canvas without clearing what other panels drew there before.</summary>
    public static Plot Panel()
    {
        var plot = new Plot();
        plot.RenderManager.RenderActions.RemoveAll(action => action is ClearCanvas);
        return plot;
    }

    /// <summary>Renders <paramref name="plot"/> once into <paramref name="rect"/> of <paramref name="canvas"/>.</summary>
    public static void Render(Plot plot, SKCanvas canvas, PixelRect rect)
    {
        ArgumentNullException.ThrowIfNull(plot);

        // The first render of a fresh ScottPlot 5.1.59 plot draws everything twice (an SVG of it holds two copies, one
        // over the other). A first render into a scratch bitmap of the same size takes that pass.
        using (var scratch = SKSurface.Create(new SKImageInfo((int)Math.Ceiling(rect.Right), (int)Math.Ceiling(rect.Bottom))))
        {
            plot.Render(scratch.Canvas, rect);
        }

        plot.Render(canvas, rect);
    }

    /// <summary>Sets <paramref name="family"/> on everything of <paramref name="plot"/> that has text; call it last.</summary>
    public static void UseFont(Plot plot, string family)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Font.Set(family);
        plot.Legend.FontName = family;
    }

    /// <summary>A tick label without the machine's culture, so that the same data gives the same figure everywhere.</summary>
    public static string Tick(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string RequireFont(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 200);

        // Without a font Skia measures every text as empty and the figure comes out with no text at all, silently.
        return PlotFonts.Family ?? throw new InvalidOperationException(PlotFonts.MissingMessage);
    }

    private static void Background(SKCanvas canvas, string family, string title, int width, int height)
    {
        using (var background = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill })
        {
            canvas.DrawRect(new SKRect(0, 0, width, height), background);
        }

        using var typeface = SKTypeface.FromFamilyName(family, SKFontStyle.Bold);
        using var font = new SKFont(typeface, TitleSize);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, width / 2f, (TitleBand + TitleSize) / 2 + 2, SKTextAlign.Center, font, paint);
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
}
