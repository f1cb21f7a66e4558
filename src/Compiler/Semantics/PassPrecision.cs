namespace TaxoNN.Compiler.Semantics;

/// <summary>The format and rounding mode of one pass of one layer.</summary>
public readonly record struct PassPrecision(FixedFormat Format, RoundingMode Rounding)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Format} {(Rounding == RoundingMode.Stochastic ? "stochastic" : "nearest_even")}";
}
