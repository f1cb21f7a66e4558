namespace TaxoNN.Cli.Plots;

/// <summary>The picture formats a plot is written in, chosen by the file's extension.</summary>
internal enum PlotFormat
{
    /// <summary>Scalable vector graphics, for <c>.svg</c>.</summary>
    Svg,

    /// <summary>A raster image, for <c>.png</c>.</summary>
    Png,
}
