namespace TaxoNN.Compiler.Semantics;

/// <summary>A two's-complement fixed-point format: a value is an integer of <see cref="WordBits"/> bits times 2^-<see cref="FractionBits"/>.</summary>
public readonly record struct FixedFormat(int WordBits, int FractionBits)
{
    /// <summary>The step between neighbouring values, 2^-fraction.</summary>
    public double Step => Math.ScaleB(1.0, -FractionBits);

    /// <summary>The largest value, (2^(word-1) - 1) * step.</summary>
    public double Max => (Math.ScaleB(1.0, WordBits - 1) - 1) * Step;

    /// <summary>The smallest value, -2^(word-1) * step.</summary>
    public double Min => -Math.ScaleB(1.0, WordBits - 1) * Step;

    /// <inheritdoc/>
    public override string ToString() => $"fixed({WordBits}, {FractionBits})";
}
