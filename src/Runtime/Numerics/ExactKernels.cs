using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TaxoNN.Runtime.Numerics;

/// <summary>
/// Exact integer matrix kernels for the training path, written once over <see cref="Vector{T}"/> so that the runtime's
/// switches pick the width (512 bits with <c>DOTNET_MaxVectorTBitWidth=512</c>, 256 by default, 128 with
/// <c>DOTNET_EnableAVX2=0</c>, software with <c>DOTNET_EnableHWIntrinsic=0</c>), each result equal to the plain sum.
/// </summary>
/// <remarks>
/// Products of operands of at most 16 bits fit an int32. Each int32 lane sums at most
/// <see cref="BlockTerms"/> products, chosen from the operands' actual largest magnitudes so that no partial sum
/// can leave the int32 range, and is then widened into an int64 total. Every partial sum is exact, so the result
/// does not depend on the vector width or the order of the work.
/// </remarks>
internal static class ExactKernels
{
    /// <summary>The largest |value| in <paramref name="values"/>.</summary>
    public static long MaxMagnitude(ReadOnlySpan<int> values) => MaxMagnitude(values, out _);

    /// <summary>The largest |value| in <paramref name="values"/>, and whether none is negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long MaxMagnitude(ReadOnlySpan<int> values, out bool nonNegative)
    {
        nonNegative = true;
        var count = Vector<int>.Count;
        var i = 0;
        long result = 0;
        if (values.Length >= count)
        {
            ref var start = ref MemoryMarshal.GetReference(values);
            Vector<int> high = Vector<int>.Zero, low = Vector<int>.Zero;
            for (; i <= values.Length - count; i += count)
            {
                var v = Vector.LoadUnsafe(ref start, (nuint)i);
                high = Vector.Max(high, v);
                low = Vector.Min(low, v);
            }

            for (var lane = 0; lane < count; lane++)
            {
                result = Math.Max(result, Math.Max(high[lane], -(long)low[lane]));
                nonNegative &= low[lane] >= 0;
            }
        }

        for (; i < values.Length; i++)
        {
            result = Math.Max(result, Math.Abs((long)values[i]));
            nonNegative &= values[i] >= 0;
        }

        return result;
    }

    /// <summary>How many products of magnitude at most <paramref name="maxA"/>·<paramref name="maxB"/> an int32 lane may sum.</summary>
    /// <remarks>Callers keep both bounds at most 2^15, so the product is at most 2^30 and the answer at least 1.</remarks>
    public static int BlockTerms(long maxA, long maxB)
    {
        var bound = maxA * maxB;
        return bound == 0 ? int.MaxValue : (int)Math.Max(1, int.MaxValue / bound);
    }

    /// <summary>
    /// output[j] += Σ_k a[k] · b[k·stride + j] for j &lt; n, exactly (or = with <paramref name="overwrite"/>, which
    /// saves clearing the output first); zero coefficients are skipped (they add nothing).
    /// </summary>
    public static void AccumulateRows(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int stride, int n, Span<long> output, int blockTerms, bool overwrite = false)
    {
        // The nonzero coefficients are listed first (a chunk at a time, on the stack): a test of each inside the loops
        // over the columns is mispredicted about as often as ReLU's zeros fall at random.
        const int Chunk = 512;
        Span<int> rows = stackalloc int[Math.Min(Chunk, a.Length)];
        Span<int> values = stackalloc int[Math.Min(Chunk, a.Length)];
        var first = true;
        for (var k0 = 0; k0 < a.Length; k0 += Chunk)
        {
            var terms = 0;
            for (var k = k0; k < Math.Min(a.Length, k0 + Chunk); k++)
            {
                rows[terms] = k * stride;
                values[terms] = a[k];
                terms += a[k] != 0 ? 1 : 0;
            }

            if (terms > 0)
            {
                AccumulateTerms(rows[..terms], values[..terms], b, n, output, blockTerms, overwrite && first);
                first = false;
            }
        }

        if (overwrite && first)
        {
            output[..n].Clear();
        }
    }

    // output[j] (+)= Σ_t values[t]·b[rows[t] + j] for j < n, exactly, every value nonzero.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateTerms(ReadOnlySpan<int> rows, ReadOnlySpan<int> values, ReadOnlySpan<int> b, int n, Span<long> output, int blockTerms, bool overwrite)
    {
        var count = Vector<int>.Count;
        ref var pb = ref MemoryMarshal.GetReference(b);
        var j = 0;
        for (; j <= n - (4 * count); j += 4 * count)
        {
            for (var t0 = 0; t0 < values.Length; t0 += blockTerms)
            {
                var end = Math.Min(values.Length, t0 + blockTerms);
                Vector<int> s0 = Vector<int>.Zero, s1 = Vector<int>.Zero, s2 = Vector<int>.Zero, s3 = Vector<int>.Zero;
                for (var t = t0; t < end; t++)
                {
                    var w = new Vector<int>(values[t]);
                    var row = (nuint)(rows[t] + j);
                    s0 += w * Vector.LoadUnsafe(ref pb, row);
                    s1 += w * Vector.LoadUnsafe(ref pb, row + (nuint)count);
                    s2 += w * Vector.LoadUnsafe(ref pb, row + (nuint)(2 * count));
                    s3 += w * Vector.LoadUnsafe(ref pb, row + (nuint)(3 * count));
                }

                var store = overwrite && t0 == 0;
                AddWidened(output, j, s0, store);
                AddWidened(output, j + count, s1, store);
                AddWidened(output, j + (2 * count), s2, store);
                AddWidened(output, j + (3 * count), s3, store);
            }
        }

        for (; j <= n - count; j += count)
        {
            for (var t0 = 0; t0 < values.Length; t0 += blockTerms)
            {
                var end = Math.Min(values.Length, t0 + blockTerms);
                var s = Vector<int>.Zero;
                for (var t = t0; t < end; t++)
                {
                    s += new Vector<int>(values[t]) * Vector.LoadUnsafe(ref pb, (nuint)(rows[t] + j));
                }

                AddWidened(output, j, s, overwrite && t0 == 0);
            }
        }

        for (; j < n; j++)
        {
            long sum = 0;
            for (var t = 0; t < values.Length; t++)
            {
                sum += (long)values[t] * b[rows[t] + j];
            }

            output[j] = overwrite ? sum : output[j] + sum;
        }
    }

    /// <summary>Σ a[i]·b[i], exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Dot(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int blockTerms)
    {
        var count = Vector<int>.Count;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var length = Math.Min(a.Length, b.Length);
        var total = Vector<long>.Zero;
        var i = 0;
        while (i <= length - count)
        {
            var end = (int)Math.Min(length - count + 1, i + ((long)blockTerms * count));
            Vector<int> s0 = Vector<int>.Zero, s1 = Vector<int>.Zero;
            for (; i <= end - (2 * count) && i <= length - (2 * count); i += 2 * count)
            {
                s0 += Vector.LoadUnsafe(ref pa, (nuint)i) * Vector.LoadUnsafe(ref pb, (nuint)i);
                s1 += Vector.LoadUnsafe(ref pa, (nuint)(i + count)) * Vector.LoadUnsafe(ref pb, (nuint)(i + count));
            }

            if (i < end)
            {
                s0 += Vector.LoadUnsafe(ref pa, (nuint)i) * Vector.LoadUnsafe(ref pb, (nuint)i);
                i += count;
            }

            Vector.Widen(s0, out var l0, out var h0);
            Vector.Widen(s1, out var l1, out var h1);
            total += l0 + h0 + l1 + h1;
        }

        long sum = Vector.Sum(total);
        for (; i < length; i++)
        {
            sum += (long)a[i] * b[i];
        }

        return sum;
    }

    /// <summary>
    /// output[r] += Σ_i a[i]·b[r·stride + i] for every r &lt; output.Length, exactly, where a's length is a whole
    /// number of vectors: four rows at a time, so that each vector of <paramref name="a"/> is loaded once for four.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DotRows(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int stride, Span<long> output, int blockTerms)
    {
        var count = Vector<int>.Count;
        if (a.Length % count != 0)
        {
            throw new ArgumentException("The vector's length must be a whole number of vectors.", nameof(a));
        }

        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var vectors = a.Length / count;
        var r = 0;
        for (; r <= output.Length - 4; r += 4)
        {
            Vector<long> t0 = Vector<long>.Zero, t1 = Vector<long>.Zero, t2 = Vector<long>.Zero, t3 = Vector<long>.Zero;
            var row0 = (nuint)(r * stride);
            var row1 = row0 + (nuint)stride;
            var row2 = row1 + (nuint)stride;
            var row3 = row2 + (nuint)stride;
            for (var v0 = 0; v0 < vectors; v0 += blockTerms)
            {
                var end = Math.Min(vectors, v0 + blockTerms);
                Vector<int> s0 = Vector<int>.Zero, s1 = Vector<int>.Zero, s2 = Vector<int>.Zero, s3 = Vector<int>.Zero;
                for (var v = v0; v < end; v++)
                {
                    var offset = (nuint)(v * count);
                    var x = Vector.LoadUnsafe(ref pa, offset);
                    s0 += x * Vector.LoadUnsafe(ref pb, row0 + offset);
                    s1 += x * Vector.LoadUnsafe(ref pb, row1 + offset);
                    s2 += x * Vector.LoadUnsafe(ref pb, row2 + offset);
                    s3 += x * Vector.LoadUnsafe(ref pb, row3 + offset);
                }

                t0 += WidenSum(s0);
                t1 += WidenSum(s1);
                t2 += WidenSum(s2);
                t3 += WidenSum(s3);
            }

            output[r] += Vector.Sum(t0);
            output[r + 1] += Vector.Sum(t1);
            output[r + 2] += Vector.Sum(t2);
            output[r + 3] += Vector.Sum(t3);
        }

        for (; r < output.Length; r++)
        {
            output[r] += Dot(a, b.Slice(r * stride, a.Length), blockTerms);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> WidenSum(Vector<int> sums)
    {
        Vector.Widen(sums, out var low, out var high);
        return low + high;
    }

    /// <summary>Σ values[i], exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Sum(ReadOnlySpan<int> values)
    {
        var count = Vector<int>.Count;
        ref var start = ref MemoryMarshal.GetReference(values);
        var total = Vector<long>.Zero;
        var i = 0;
        for (; i <= values.Length - count; i += count)
        {
            Vector.Widen(Vector.LoadUnsafe(ref start, (nuint)i), out var low, out var high);
            total += low + high;
        }

        var sum = Vector.Sum(total);
        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    /// <summary>output[i] += source[i] for every i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(ReadOnlySpan<long> source, Span<long> output)
    {
        var count = Vector<long>.Count;
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(output);
        var i = 0;
        for (; i <= source.Length - count; i += count)
        {
            (Vector.LoadUnsafe(ref to, (nuint)i) + Vector.LoadUnsafe(ref from, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
        }

        for (; i < source.Length; i++)
        {
            output[i] += source[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddWidened(Span<long> output, int offset, Vector<int> sums, bool store)
    {
        Vector.Widen(sums, out var low, out var high);
        ref var start = ref MemoryMarshal.GetReference(output);
        var half = (nuint)Vector<long>.Count;
        if (store)
        {
            low.StoreUnsafe(ref start, (nuint)offset);
            high.StoreUnsafe(ref start, (nuint)offset + half);
            return;
        }

        (low + Vector.LoadUnsafe(ref start, (nuint)offset)).StoreUnsafe(ref start, (nuint)offset);
        (high + Vector.LoadUnsafe(ref start, (nuint)offset + half)).StoreUnsafe(ref start, (nuint)offset + half);
    }
}
