namespace TaxoNN.Runtime.Numerics;

/// <summary>Round to nearest, ties to even, as a type for the kernels generic over <see cref="IRoundingKind"/>.</summary>
internal readonly struct NearestEvenRounding : IRoundingKind
{
    public static bool Stochastic => false;
}
