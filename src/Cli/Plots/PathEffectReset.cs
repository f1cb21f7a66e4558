using ScottPlot;

namespace TaxoNN.Cli.Plots;

/// <summary>
/// An invisible plottable that clears the dash effect ScottPlot leaves on its shared paint after a dashed line.
/// </summary>
/// <remarks>
/// ScottPlot 5.1.59 fills markers with that paint without resetting its path effect; Skia's SVG canvas then prints
/// "Unsupported path effect in addPaint." on standard error once per marker, and raster output dashes the fill.
/// </remarks>
internal sealed class PathEffectReset : IPlottable
{
    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => LegendItem.None;

    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    public void Render(RenderPack rp) => rp.Paint.SKPaint.PathEffect = null;
}
