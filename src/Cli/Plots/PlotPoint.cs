namespace TaxoNN.Cli.Plots;

/// <summary>One value of a series at a bitwidth; extrapolated when the bitwidth lies outside the paper's table.</summary>
public readonly record struct PlotPoint(double Bits, double Value, bool Extrapolated);
