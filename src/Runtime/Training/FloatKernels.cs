using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The float32 kernels of <see cref="FloatNetwork"/>. Each has a 256-bit path and a scalar twin that rounds exactly as
/// it does: every product is one fused multiply-add, and each output sums its products in the same order on both
/// paths, so the two give the same bits and a run does not depend on which one the machine takes.
/// </summary>
/// <remarks>
/// The vector paths read and write through references without bounds checks; every method checks its spans' lengths
/// first. Kernels documented as reading or writing "up to 8 past" an index need that much slack in their buffers.
/// </remarks>
internal static partial class FloatKernels
{
    /// <summary>The lanes of one vector, the unit of every blocking below.</summary>
    public const int Lanes = 8;

    /// <summary>Whether this process runs the vector paths (256-bit vectors with fused multiply-add).</summary>
    public static bool IsVectorised { get; } = Fma.IsSupported && Vector256.IsHardwareAccelerated;

    /// <summary><paramref name="destination"/>[i] += <paramref name="scale"/> · <paramref name="x"/>[i], one rounding per element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaled(float scale, ReadOnlySpan<float> x, Span<float> destination, bool vector)
    {
        if (x.Length < destination.Length)
        {
            throw new ArgumentException("The source is shorter than the destination.", nameof(x));
        }

        if (vector && IsVectorised)
        {
            AddScaledVector(scale, ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(destination), destination.Length);
        }
        else
        {
            AddScaledScalar(scale, x, destination);
        }
    }

    /// <summary>The scalar twin of <see cref="AddScaled"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaledScalar(float scale, ReadOnlySpan<float> x, Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = MathF.FusedMultiplyAdd(scale, x[i], destination[i]);
        }
    }

    /// <summary>
    /// <paramref name="destination"/>[i] += Σ_j <paramref name="scales"/>[j] · <paramref name="rows"/>[rowIndex[j]·width + i],
    /// the rows taken in order, one rounding per product: the error a dense layer sends back through its nonzero rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaledRows(ReadOnlySpan<float> scales, ReadOnlySpan<int> rowIndex, ReadOnlySpan<float> rows, Span<float> destination, bool vector)
    {
        var width = destination.Length;
        for (var j = 0; j < scales.Length; j++)
        {
            if ((uint)rowIndex[j] >= (uint)(rows.Length / Math.Max(width, 1)))
            {
                throw new ArgumentOutOfRangeException(nameof(rowIndex), "A row index is outside the matrix.");
            }
        }

        if (!(vector && IsVectorised))
        {
            for (var j = 0; j < scales.Length; j++)
            {
                AddScaledScalar(scales[j], rows.Slice(rowIndex[j] * width, width), destination);
            }

            return;
        }

        ref var matrix = ref MemoryMarshal.GetReference(rows);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var j0 = 0;
        for (; j0 + 4 <= scales.Length; j0 += 4)
        {
            AddScaledFourRows(
                scales.Slice(j0, 4),
                ref Unsafe.Add(ref matrix, rowIndex[j0] * width),
                ref Unsafe.Add(ref matrix, rowIndex[j0 + 1] * width),
                ref Unsafe.Add(ref matrix, rowIndex[j0 + 2] * width),
                ref Unsafe.Add(ref matrix, rowIndex[j0 + 3] * width),
                ref d,
                width);
        }

        for (; j0 < scales.Length; j0++)
        {
            AddScaledVector(scales[j0], ref Unsafe.Add(ref matrix, rowIndex[j0] * width), ref d, width);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaledVector(float scale, ref float x, ref float destination, int length)
    {
        var s = Vector256.Create(scale);
        var n = (nuint)length;
        nuint i = 0;
        for (; i + (2 * Lanes) <= n; i += 2 * Lanes)
        {
            var d0 = Fma.MultiplyAdd(s, Vector256.LoadUnsafe(ref x, i), Vector256.LoadUnsafe(ref destination, i));
            var d1 = Fma.MultiplyAdd(s, Vector256.LoadUnsafe(ref x, i + Lanes), Vector256.LoadUnsafe(ref destination, i + Lanes));
            d0.StoreUnsafe(ref destination, i);
            d1.StoreUnsafe(ref destination, i + Lanes);
        }

        if (i + Lanes <= n)
        {
            Fma.MultiplyAdd(s, Vector256.LoadUnsafe(ref x, i), Vector256.LoadUnsafe(ref destination, i)).StoreUnsafe(ref destination, i);
            i += Lanes;
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref destination, i) = MathF.FusedMultiplyAdd(scale, Unsafe.Add(ref x, i), Unsafe.Add(ref destination, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaledFourRows(ReadOnlySpan<float> scales, ref float r0, ref float r1, ref float r2, ref float r3, ref float destination, int length)
    {
        float a0 = scales[0], a1 = scales[1], a2 = scales[2], a3 = scales[3];
        var s0 = Vector256.Create(a0);
        var s1 = Vector256.Create(a1);
        var s2 = Vector256.Create(a2);
        var s3 = Vector256.Create(a3);
        var n = (nuint)length;
        nuint i = 0;
        for (; i + Lanes <= n; i += Lanes)
        {
            var d = Vector256.LoadUnsafe(ref destination, i);
            d = Fma.MultiplyAdd(s0, Vector256.LoadUnsafe(ref r0, i), d);
            d = Fma.MultiplyAdd(s1, Vector256.LoadUnsafe(ref r1, i), d);
            d = Fma.MultiplyAdd(s2, Vector256.LoadUnsafe(ref r2, i), d);
            d = Fma.MultiplyAdd(s3, Vector256.LoadUnsafe(ref r3, i), d);
            d.StoreUnsafe(ref destination, i);
        }

        for (; i < n; i++)
        {
            var d = Unsafe.Add(ref destination, i);
            d = MathF.FusedMultiplyAdd(a0, Unsafe.Add(ref r0, i), d);
            d = MathF.FusedMultiplyAdd(a1, Unsafe.Add(ref r1, i), d);
            d = MathF.FusedMultiplyAdd(a2, Unsafe.Add(ref r2, i), d);
            d = MathF.FusedMultiplyAdd(a3, Unsafe.Add(ref r3, i), d);
            Unsafe.Add(ref destination, i) = d;
        }
    }
}
