namespace TaxoNN.Runtime.Numerics;

/// <summary>
/// A rounding mode as a type, for kernels generic over it: the JIT compiles one copy per mode with the test on
/// <see cref="Stochastic"/> folded away, so that a hot loop carries neither the branch nor the other mode's constants.
/// </summary>
internal interface IRoundingKind
{
    /// <summary>Whether the rounding consumes random bits (else it rounds to nearest, ties to even).</summary>
    static abstract bool Stochastic { get; }
}
