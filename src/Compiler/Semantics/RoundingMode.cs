namespace TaxoNN.Compiler.Semantics;

/// <summary>How a value is rounded when narrowed to a fixed-point format.</summary>
public enum RoundingMode
{
    /// <summary>To the nearest representable value, ties to even.</summary>
    NearestEven,

    /// <summary>Up or down with probability proportional to the distance (Gupta et al., 2015).</summary>
    Stochastic,
}
