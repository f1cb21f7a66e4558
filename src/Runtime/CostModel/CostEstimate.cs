namespace TaxoNN.Runtime.CostModel;

/// <summary>A cost figure together with the source that produced it.</summary>
/// <param name="Value">The figure: table units for absolute costs (the paper states no units), a plain number for ratios.</param>
/// <param name="Source">Whether the figure is a table value, an interpolation or an extrapolation by the fit.</param>
public readonly record struct CostEstimate(double Value, EstimateSource Source)
{
    /// <summary>True when the figure lies outside the paper's 13..21 bits and comes from the fit.</summary>
    public bool Extrapolated => Source == EstimateSource.Fit;
}
