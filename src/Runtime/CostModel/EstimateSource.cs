namespace TaxoNN.Runtime.CostModel;

/// <summary>Where a cost estimate comes from.</summary>
public enum EstimateSource
{
    /// <summary>A value printed in the paper's table (an integer width from 13 to 21 bits).</summary>
    Table,

    /// <summary>Linear interpolation between the two neighbouring table widths (a non-integer width inside 13..21).</summary>
    Interpolated,

    /// <summary>The quadratic least-squares fit, outside the table's 13..21 bits: an extrapolation.</summary>
    Fit,
}
