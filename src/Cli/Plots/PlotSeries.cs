namespace TaxoNN.Cli.Plots;

/// <summary>One design's series: per bitwidth a value and whether it is extrapolated.</summary>
public sealed record PlotSeries(string Label, IReadOnlyList<PlotPoint> Points);
