namespace TaxoNN.Cli.Plots;

/// <summary>Points the paper published, drawn as markers.</summary>
public sealed record PlotMarkers(string Label, IReadOnlyList<(double Bits, double Value)> Points);
