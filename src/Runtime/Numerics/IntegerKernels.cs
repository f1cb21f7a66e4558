namespace TaxoNN.Runtime.Numerics;

/// <summary>Exact integer dot products and multiply-accumulates, vectorised, each with a plain scalar twin.</summary>
/// <remarks>
/// <para>
/// Every path (scalar, 128-, 256- and 512-bit) returns the exact mathematical result, so all give the same bits
/// whatever the order of summation; a result that does not fit a <see cref="long"/> throws
/// <see cref="OverflowException"/> instead of wrapping. Each kernel is one driver: it runs the requested vector
/// width over whole vectors and finishes the tail with the scalar twin. The public overloads use
/// <see cref="KernelPaths.Best"/>; the internal ones let tests and benchmarks force a path.
/// </para>
/// <para>
/// Why the 16-bit dot product is exact. A scan of each operand finds m such that every value lies in
/// [-2^m, 2^m - 1] (m ≤ 15). A product then lies in (-2^(ma+mb), 2^(ma+mb)] and a multiply-add pair
/// (pmaddwd) in (-2^(ma+mb+1), 2^(ma+mb+1)]. Each int32 lane sums k = 2^(30-ma-mb) pairs per block (at least one,
/// at most 2^20), so every partial sum S of a block lies in (-2^31, 2^31]. The lane starts at -1 and holds S - 1,
/// which lies in [-2^31, 2^31 - 1]: an int32 represents it exactly. The single case pmaddwd itself wraps,
/// (-32768)·(-32768)·2 = 2^31, is only possible when k = 1, and the wrapped lane still holds S - 1 modulo 2^32,
/// hence exactly. Between blocks the lanes are widened to int64 and the -1 is added back. The total is at most
/// 2^31·2^30 = 2^61 in magnitude, so the int64 total cannot overflow.
/// </para>
/// <para>
/// The 32-bit dot product (words wider than 16 bits) multiplies into 64-bit lanes (pmuldq), even and odd elements
/// in separate accumulators; with m found the same way (m ≤ 31) a lane sums k = 2^(62-ma-mb) products of
/// magnitude at most 2^(ma+mb), so stays within 2^62. Blocks are summed in an <see cref="Int128"/>, and the
/// result is converted to <see cref="long"/> checked. For 24-bit words k = 2^16.
/// </para>
/// </remarks>
public static partial class IntegerKernels
{
    /// <summary>Longest block the drivers run between widenings, whatever the operands' range allows.</summary>
    private const int MaxBlockIterations = 1 << 20;

    /// <summary>The exact dot product of two vectors of 16-bit values.</summary>
    public static long Dot(ReadOnlySpan<short> a, ReadOnlySpan<short> b) => Dot(a, b, KernelPaths.Best);

    /// <summary>The exact dot product of two vectors of 32-bit values; throws if it does not fit a long.</summary>
    public static long Dot(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => Dot(a, b, KernelPaths.Best);

    /// <summary>acc[i] += scalar·x[i] for every i; throws if an element of acc would overflow.</summary>
    /// <remarks>On overflow the vector paths have already updated the whole span, the scalar path the elements before.</remarks>
    public static void MultiplyAccumulate(Span<long> acc, short scalar, ReadOnlySpan<short> x) =>
        MultiplyAccumulate(acc, scalar, x, KernelPaths.Best);

    private static void CheckArguments(int length, int otherLength, KernelPath path)
    {
        if (length != otherLength)
        {
            throw new ArgumentException($"The operands have different lengths ({length} and {otherLength}).");
        }

        if (!KernelPaths.IsSupported(path))
        {
            throw new PlatformNotSupportedException($"The kernel path {path} is not supported in this process.");
        }
    }

    /// <summary>Bytes in one vector of <paramref name="path"/> (1 for scalar code).</summary>
    private static int VectorBytes(KernelPath path) => path switch
    {
        KernelPath.Vector512 => 64,
        KernelPath.Vector256 => 32,
        KernelPath.Vector128 => 16,
        _ => 1,
    };

    /// <summary>Block length in vector iterations for lanes that may hold 2^<paramref name="log2Lane"/>.</summary>
    private static int BlockIterations(int log2Lane, int magnitudeBitsA, int magnitudeBitsB) =>
        1 << Math.Clamp(log2Lane - magnitudeBitsA - magnitudeBitsB, 0, 20);
}
