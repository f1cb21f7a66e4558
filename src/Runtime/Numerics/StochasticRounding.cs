namespace TaxoNN.Runtime.Numerics;

/// <summary>Stochastic rounding from the counter-based draws, as a type for the kernels generic over <see cref="IRoundingKind"/>.</summary>
internal readonly struct StochasticRounding : IRoundingKind
{
    public static bool Stochastic => true;
}
