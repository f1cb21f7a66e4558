using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Numerics;

/// <summary>
/// The exact kernels of <see cref="ExactKernels"/> on pairs of 16-bit values packed in an int32 (low half first), one
/// multiply-add of adjacent pairs (pmaddwd) doing two products: twice the work of an int32 multiply per instruction.
/// </summary>
/// <remarks>
/// A pair's sum is at most 2·maxA·maxB in magnitude; each int32 lane sums at most
/// <see cref="BlockPairs"/> of them before it is widened, so no partial sum leaves the int32 range. Where a pair alone
/// could reach 2^31 (both operands −32768) there is no block, and callers use the int32 kernels instead.
/// </remarks>
internal static class PairKernels
{
    /// <summary>How many pair sums an int32 lane may add; 0 when the pairs themselves could overflow.</summary>
    public static int BlockPairs(long maxA, long maxB) => ExactKernels.BlockTerms(maxA, maxB) / 2;

    /// <summary>The pair (low, high) as one int32, low half first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Pack(int low, int high) => (low & 0xFFFF) | (high << 16);

    /// <summary>output[i] = Pack(low[i], high[i]) for every i (values of at most 16 bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(ReadOnlySpan<int> low, ReadOnlySpan<int> high, Span<int> output)
    {
        var count = Vector<int>.Count;
        ref var l = ref MemoryMarshal.GetReference(low);
        ref var h = ref MemoryMarshal.GetReference(high);
        ref var o = ref MemoryMarshal.GetReference(output);
        var mask = new Vector<int>(0xFFFF);
        var i = 0;
        for (; i <= output.Length - count; i += count)
        {
            ((Vector.LoadUnsafe(ref l, (nuint)i) & mask) | Vector.ShiftLeft(Vector.LoadUnsafe(ref h, (nuint)i), 16)).StoreUnsafe(ref o, (nuint)i);
        }

        for (; i < output.Length; i++)
        {
            output[i] = Pack(low[i], high[i]);
        }
    }

    /// <summary>output[i] = Pack(low[i], 0) for every i (values of at most 16 bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackLow(ReadOnlySpan<int> low, Span<int> output)
    {
        var count = Vector<int>.Count;
        ref var l = ref MemoryMarshal.GetReference(low);
        ref var o = ref MemoryMarshal.GetReference(output);
        var mask = new Vector<int>(0xFFFF);
        var i = 0;
        for (; i <= output.Length - count; i += count)
        {
            (Vector.LoadUnsafe(ref l, (nuint)i) & mask).StoreUnsafe(ref o, (nuint)i);
        }

        for (; i < output.Length; i++)
        {
            output[i] = Pack(low[i], 0);
        }
    }

    /// <summary>
    /// pairs[j] = Pack(values[2j], values[2j + 1]) for every j, the last with 0 where the values are odd in number
    /// (values of at most 16 bits): the values narrowed to 16 bits are their pairs, read as int32.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackAdjacent(ReadOnlySpan<int> values, Span<int> pairs)
    {
        var count = Vector<int>.Count;
        ref var v = ref MemoryMarshal.GetReference(values);
        ref var p = ref MemoryMarshal.GetReference(pairs);
        var j = 0;
        for (; (2 * j) + (2 * count) <= values.Length; j += count)
        {
            Vector.AsVectorInt32(Vector.Narrow(Vector.LoadUnsafe(ref v, (nuint)(2 * j)), Vector.LoadUnsafe(ref v, (nuint)((2 * j) + count))))
                .StoreUnsafe(ref p, (nuint)j);
        }

        for (; j < pairs.Length; j++)
        {
            pairs[j] = Pack(values[2 * j], (2 * j) + 1 < values.Length ? values[(2 * j) + 1] : 0);
        }
    }

    /// <summary>
    /// output[j] (+)= Σ_k Σ_half a[k].half · b[k·stride + j].half for j &lt; n, exactly: <see cref="ExactKernels.AccumulateRows"/>
    /// over packed pairs; a zero pair is skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateRows(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int stride, int n, Span<long> output, int blockPairs, bool overwrite)
    {
        if (a.IsEmpty)
        {
            if (overwrite)
            {
                output[..n].Clear();
            }

            return;
        }

        // Eight vectors of positions per coefficient: one broadcast and one address serve eight multiply-adds. The
        // first block stores its sums where it overwrites, so the output needs no clearing.
        var count = Vector<int>.Count;
        ref var pb = ref MemoryMarshal.GetReference(b);
        ref var pa = ref MemoryMarshal.GetReference(a);
        var j = 0;
        for (; j <= n - (8 * count); j += 8 * count)
        {
            for (var k0 = 0; k0 < a.Length; k0 += blockPairs)
            {
                var end = Math.Min(a.Length, k0 + blockPairs);
                Vector<int> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
                for (var k = k0; k < end; k++)
                {
                    var coefficient = Unsafe.Add(ref pa, k);
                    if (coefficient == 0)
                    {
                        continue;
                    }

                    var w = new Vector<int>(coefficient);
                    ref var row = ref Unsafe.Add(ref pb, (k * stride) + j);
                    s0 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row));
                    s1 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)count));
                    s2 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)(2 * count)));
                    s3 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)(3 * count)));
                    s4 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)(4 * count)));
                    s5 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)(5 * count)));
                    s6 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)(6 * count)));
                    s7 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)(7 * count)));
                }

                var store = overwrite && k0 == 0;
                Add(output, j, s0, store);
                Add(output, j + count, s1, store);
                Add(output, j + (2 * count), s2, store);
                Add(output, j + (3 * count), s3, store);
                Add(output, j + (4 * count), s4, store);
                Add(output, j + (5 * count), s5, store);
                Add(output, j + (6 * count), s6, store);
                Add(output, j + (7 * count), s7, store);
            }
        }

        for (; j <= n - (2 * count); j += 2 * count)
        {
            for (var k0 = 0; k0 < a.Length; k0 += blockPairs)
            {
                var end = Math.Min(a.Length, k0 + blockPairs);
                Vector<int> s0 = default, s1 = default;
                for (var k = k0; k < end; k++)
                {
                    var coefficient = Unsafe.Add(ref pa, k);
                    if (coefficient == 0)
                    {
                        continue;
                    }

                    var w = new Vector<int>(coefficient);
                    ref var row = ref Unsafe.Add(ref pb, (k * stride) + j);
                    s0 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row));
                    s1 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)count));
                }

                var store = overwrite && k0 == 0;
                Add(output, j, s0, store);
                Add(output, j + count, s1, store);
            }
        }

        for (; j <= n - count; j += count)
        {
            for (var k0 = 0; k0 < a.Length; k0 += blockPairs)
            {
                var end = Math.Min(a.Length, k0 + blockPairs);
                var s = Vector<int>.Zero;
                for (var k = k0; k < end; k++)
                {
                    if (a[k] != 0)
                    {
                        s += MultiplyAddPairs(new Vector<int>(a[k]), Vector.LoadUnsafe(ref pb, (nuint)((k * stride) + j)));
                    }
                }

                Add(output, j, s, overwrite && k0 == 0);
            }
        }

        for (; j < n; j++)
        {
            long sum = 0;
            for (var k = 0; k < a.Length; k++)
            {
                var x = b[(k * stride) + j];
                sum += ((long)(short)a[k] * (short)x) + ((long)(a[k] >> 16) * (x >> 16));
            }

            output[j] = overwrite ? sum : output[j] + sum;
        }
    }

    /// <summary>
    /// output[j] = Σ_k Σ_half a[k·aStride].half · b[k·stride + j].half for k &lt; pairs and j &lt; n in int32 lanes,
    /// for sums the caller has bounded below 2^31 (one block: Σ_k (|low| + |high|)·max|b| ≤ 2^31 − 1). n is a whole
    /// number of vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyRow32(ReadOnlySpan<int> a, int aStride, int pairs, ReadOnlySpan<int> b, int stride, int n, Span<int> output)
    {
        if (pairs > 0 && a.Length <= (pairs - 1) * aStride)
        {
            throw new ArgumentException("The coefficients end before the last pair.", nameof(a));
        }

        var count = Vector<int>.Count;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        ref var po = ref MemoryMarshal.GetReference(output);
        var j = 0;
        for (; j <= n - (4 * count); j += 4 * count)
        {
            Vector<int> s0 = default, s1 = default, s2 = default, s3 = default;
            for (var k = 0; k < pairs; k++)
            {
                var w = new Vector<int>(Unsafe.Add(ref pa, k * aStride));
                ref var row = ref Unsafe.Add(ref pb, (k * stride) + j);
                s0 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row));
                s1 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)count));
                s2 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)(2 * count)));
                s3 += MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)(3 * count)));
            }

            s0.StoreUnsafe(ref po, (nuint)j);
            s1.StoreUnsafe(ref po, (nuint)(j + count));
            s2.StoreUnsafe(ref po, (nuint)(j + (2 * count)));
            s3.StoreUnsafe(ref po, (nuint)(j + (3 * count)));
        }

        for (; j < n; j += count)
        {
            var sum = Vector<int>.Zero;
            for (var k = 0; k < pairs; k++)
            {
                sum += MultiplyAddPairs(new Vector<int>(Unsafe.Add(ref pa, k * aStride)), Vector.LoadUnsafe(ref pb, (nuint)((k * stride) + j)));
            }

            sum.StoreUnsafe(ref po, (nuint)j);
        }
    }

    /// <summary>
    /// output[r·outputStride + j] = Σ_k Σ_half a[r·aStride + k].half · b[k·stride + j].half for r &lt; rows,
    /// k &lt; pairs and j &lt; n, exactly, where every |b| half is at most <paramref name="maxB"/>. Four rows share each
    /// load of b. An int32 block ends only where Σ_k (the four rows' largest |low| + |high|)·maxB would pass
    /// 2^31 − 1: the weights' own magnitudes bound the sums, not the largest weight times the block's length, which
    /// halves the blocks of a convolution's rows; where b is <paramref name="nonNegativeB"/> (after a ReLU, a pool,
    /// pixels), the positive and the negative halves are bounded apart, which halves them again. n is a whole number
    /// of pairs of vectors; each pair alone must fit (<see cref="BlockPairs"/> &gt; 0); <paramref name="blockEnds"/>
    /// is scratch of at least 3·pairs + 1 values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyRows(
        ReadOnlySpan<int> a, int aStride, int rows, int pairs, ReadOnlySpan<int> b, int stride, int n, long maxB, bool nonNegativeB,
        Span<long> output, int outputStride, Span<int> blockEnds)
    {
        if (n % (2 * Vector<int>.Count) != 0)
        {
            throw new ArgumentException("The positions must be a whole number of pairs of vectors.", nameof(n));
        }

        var r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            var blocks = Schedule(a[(r * aStride)..], aStride, 4, pairs, maxB, nonNegativeB, blockEnds);
            FourRows(a[(r * aStride)..], aStride, pairs, b, stride, n, output[(r * outputStride)..], outputStride, blockEnds[..blocks]);
        }

        for (; r < rows; r++)
        {
            var blocks = Schedule(a[(r * aStride)..], aStride, 1, pairs, maxB, nonNegativeB, blockEnds);
            var start = 0;
            var row = output.Slice(r * outputStride, n);
            foreach (var end in blockEnds[..blocks])
            {
                AccumulateRows(a.Slice((r * aStride) + start, end - start), b[(start * stride)..], stride, n, row, end - start, overwrite: start == 0);
                start = end;
            }
        }
    }

    // The ends of the int32 blocks over k for `rows` rows of a. A block ends before the pair that would take the sum over
    // k of the rows' largest |low| + |high| past (2^31 − 1) / maxB: that sum bounds every row's, so no int32 sum can
    // overflow. Where b has no negative value, a product has the sign of its weight, so every partial sum lies between
    // −maxB·Σ|negative halves| and maxB·Σ(positive halves): the block ends before either sum (the rows' largest) would
    // pass the bound, which lets blocks run about twice as long. Returns the number of blocks; ends holds 3·pairs + 1
    // values, the upper ones scratch.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Schedule(ReadOnlySpan<int> a, int aStride, int rows, int pairs, long maxB, bool nonNegativeB, Span<int> ends)
    {
        var limit = maxB == 0 ? long.MaxValue : int.MaxValue / maxB;
        var positive = ends.Slice(pairs + 1, pairs);
        var negative = ends.Slice((2 * pairs) + 1, pairs);
        var count = Vector<int>.Count;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pp = ref MemoryMarshal.GetReference(positive);
        ref var pn = ref MemoryMarshal.GetReference(negative);
        long totalPositive = 0, totalNegative = 0;
        var k = 0;
        for (; k <= pairs - count; k += count)
        {
            Vector<int> p = Vector<int>.Zero, m = Vector<int>.Zero, both = Vector<int>.Zero;
            for (var r = 0; r < rows; r++)
            {
                var v = Vector.LoadUnsafe(ref pa, (nuint)((r * aStride) + k));
                var low = Vector.ShiftRightArithmetic(Vector.ShiftLeft(v, 16), 16);
                var high = Vector.ShiftRightArithmetic(v, 16);
                var rowPositive = Vector.Max(low, Vector<int>.Zero) + Vector.Max(high, Vector<int>.Zero);
                var rowNegative = Vector.Max(-low, Vector<int>.Zero) + Vector.Max(-high, Vector<int>.Zero);
                p = Vector.Max(p, rowPositive);
                m = Vector.Max(m, rowNegative);
                both = Vector.Max(both, rowPositive + rowNegative);
            }

            if (!nonNegativeB)
            {
                // Signed b: the rows' largest |low| + |high| bounds the sums alone (kept in `positive`).
                p = both;
                m = Vector<int>.Zero;
            }

            p.StoreUnsafe(ref pp, (nuint)k);
            m.StoreUnsafe(ref pn, (nuint)k);
            totalPositive += Vector.Sum(p); // lanes of at most 2^16: the sum of a vector fits an int32
            totalNegative += Vector.Sum(m);
        }

        for (; k < pairs; k++)
        {
            int p = 0, m = 0, both = 0;
            for (var r = 0; r < rows; r++)
            {
                var pair = Unsafe.Add(ref pa, (r * aStride) + k);
                var (low, high) = ((int)(short)pair, pair >> 16);
                var (rowPositive, rowNegative) = (Math.Max(low, 0) + Math.Max(high, 0), Math.Max(-low, 0) + Math.Max(-high, 0));
                p = Math.Max(p, rowPositive);
                m = Math.Max(m, rowNegative);
                both = Math.Max(both, rowPositive + rowNegative);
            }

            (p, m) = nonNegativeB ? (p, m) : (both, 0);
            Unsafe.Add(ref pp, k) = p;
            Unsafe.Add(ref pn, k) = m;
            totalPositive += p;
            totalNegative += m;
        }

        if (totalPositive <= limit && totalNegative <= limit)
        {
            ends[0] = pairs; // the common case: one block
            return 1;
        }

        var blocks = 0;
        long sumPositive = 0, sumNegative = 0;
        for (k = 0; k < pairs; k++)
        {
            var (p, m) = (Unsafe.Add(ref pp, k), Unsafe.Add(ref pn, k));
            if (sumPositive + p > limit || sumNegative + m > limit)
            {
                ends[blocks++] = k;
                (sumPositive, sumNegative) = (0, 0);
            }

            sumPositive += p;
            sumNegative += m;
        }

        ends[blocks++] = pairs;
        return blocks;
    }

    /// <summary>Σ (|low| + |high|) over packed pairs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long HalfMagnitudes(ReadOnlySpan<int> pairs)
    {
        var count = Vector<int>.Count;
        ref var start = ref MemoryMarshal.GetReference(pairs);
        var total = Vector<int>.Zero;
        var i = 0;
        long sum = 0;
        for (; i <= pairs.Length - count; i += count)
        {
            // A lane adds at most 2^16 per vector: widened every 2^14 vectors, none can overflow.
            var v = Vector.LoadUnsafe(ref start, (nuint)i);
            total += Vector.Abs(Vector.ShiftRightArithmetic(Vector.ShiftLeft(v, 16), 16)) + Vector.Abs(Vector.ShiftRightArithmetic(v, 16));
            if ((i / count) % (1 << 14) == (1 << 14) - 1)
            {
                sum += Widened(total);
                total = Vector<int>.Zero;
            }
        }

        sum += Widened(total);
        for (; i < pairs.Length; i++)
        {
            sum += Math.Abs((long)(short)pairs[i]) + Math.Abs((long)(pairs[i] >> 16));
        }

        return sum;

        static long Widened(Vector<int> lanes)
        {
            Vector.Widen(lanes, out var low, out var high);
            return Vector.Sum(low + high);
        }
    }

    // Four rows of MultiplyRows, two vectors of positions at a time: eight int32 sums in registers per block.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourRows(
        ReadOnlySpan<int> a, int aStride, int pairs, ReadOnlySpan<int> b, int stride, int n, Span<long> output, int outputStride,
        ReadOnlySpan<int> blockEnds)
    {
        var count = Vector<int>.Count;
        ref var pb = ref MemoryMarshal.GetReference(b);
        ref var po = ref MemoryMarshal.GetReference(output);
        ref var ends = ref MemoryMarshal.GetReference(blockEnds);

        // A reference per row and one that steps down the columns: the loop's addresses take no arithmetic of their
        // own (with it, the front end, not the multiply-adds, set the loop's pace).
        ref var w0 = ref MemoryMarshal.GetReference(a);
        ref var w1 = ref Unsafe.Add(ref w0, aStride);
        ref var w2 = ref Unsafe.Add(ref w1, aStride);
        ref var w3 = ref Unsafe.Add(ref w2, aStride);
        for (var j = 0; j < n; j += 2 * count)
        {
            nint start = 0;
            for (var block = 0; block < blockEnds.Length; block++)
            {
                nint end = Unsafe.Add(ref ends, block);
                Vector<int> s00 = default, s01 = default, s10 = default, s11 = default, s20 = default, s21 = default, s30 = default, s31 = default;
                ref var column = ref Unsafe.Add(ref pb, (start * stride) + j);
                for (var k = start; k < end; k++)
                {
                    var c0 = Vector.LoadUnsafe(ref column);
                    var c1 = Vector.LoadUnsafe(ref column, (nuint)count);
                    var w = new Vector<int>(Unsafe.Add(ref w0, k));
                    s00 += MultiplyAddPairs(w, c0);
                    s01 += MultiplyAddPairs(w, c1);
                    w = new Vector<int>(Unsafe.Add(ref w1, k));
                    s10 += MultiplyAddPairs(w, c0);
                    s11 += MultiplyAddPairs(w, c1);
                    w = new Vector<int>(Unsafe.Add(ref w2, k));
                    s20 += MultiplyAddPairs(w, c0);
                    s21 += MultiplyAddPairs(w, c1);
                    w = new Vector<int>(Unsafe.Add(ref w3, k));
                    s30 += MultiplyAddPairs(w, c0);
                    s31 += MultiplyAddPairs(w, c1);
                    column = ref Unsafe.Add(ref column, stride);
                }

                var store = start == 0;
                ref var row = ref Unsafe.Add(ref po, j);
                Put(ref row, s00, s01, store);
                Put(ref Unsafe.Add(ref row, outputStride), s10, s11, store);
                Put(ref Unsafe.Add(ref row, 2 * outputStride), s20, s21, store);
                Put(ref Unsafe.Add(ref row, 3 * outputStride), s30, s31, store);
                start = end;
            }
        }

        // Two vectors of int32 sums widened into four of int64 at target: stored, or added to what is there.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Put(ref long target, Vector<int> first, Vector<int> second, bool store)
        {
            var half = (nuint)Vector<long>.Count;
            Vector.Widen(first, out var v0, out var v1);
            Vector.Widen(second, out var v2, out var v3);
            if (!store)
            {
                v0 += Vector.LoadUnsafe(ref target);
                v1 += Vector.LoadUnsafe(ref target, half);
                v2 += Vector.LoadUnsafe(ref target, 2 * half);
                v3 += Vector.LoadUnsafe(ref target, 3 * half);
            }

            v0.StoreUnsafe(ref target);
            v1.StoreUnsafe(ref target, half);
            v2.StoreUnsafe(ref target, 2 * half);
            v3.StoreUnsafe(ref target, 3 * half);
        }
    }

    /// <summary>
    /// output[r] += Σ_i a[i]·b[r·stride + i] over 16-bit values, exactly, four rows at a time; a's length is a whole
    /// number of int16 vectors and every row of b as long.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DotRows(ReadOnlySpan<short> a, ReadOnlySpan<short> b, int stride, Span<long> output, int blockPairs)
    {
        var count = Vector<short>.Count;
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
            for (var v0 = 0; v0 < vectors; v0 += blockPairs)
            {
                var end = Math.Min(vectors, v0 + blockPairs);
                Vector<int> s0 = Vector<int>.Zero, s1 = Vector<int>.Zero, s2 = Vector<int>.Zero, s3 = Vector<int>.Zero;
                for (var v = v0; v < end; v++)
                {
                    var offset = (nuint)(v * count);
                    var x = Vector.AsVectorInt32(Vector.LoadUnsafe(ref pa, offset));
                    s0 += MultiplyAddPairs(x, Vector.AsVectorInt32(Vector.LoadUnsafe(ref pb, row0 + offset)));
                    s1 += MultiplyAddPairs(x, Vector.AsVectorInt32(Vector.LoadUnsafe(ref pb, row1 + offset)));
                    s2 += MultiplyAddPairs(x, Vector.AsVectorInt32(Vector.LoadUnsafe(ref pb, row2 + offset)));
                    s3 += MultiplyAddPairs(x, Vector.AsVectorInt32(Vector.LoadUnsafe(ref pb, row3 + offset)));
                }

                t0 += Widened(s0);
                t1 += Widened(s1);
                t2 += Widened(s2);
                t3 += Widened(s3);
            }

            output[r] += Vector.Sum(t0);
            output[r + 1] += Vector.Sum(t1);
            output[r + 2] += Vector.Sum(t2);
            output[r + 3] += Vector.Sum(t3);
        }

        // The last rows one at a time, still a vector of pairs per step.
        for (; r < output.Length; r++)
        {
            var total = Vector<long>.Zero;
            var row = (nuint)(r * stride);
            for (var v0 = 0; v0 < vectors; v0 += blockPairs)
            {
                var end = Math.Min(vectors, v0 + blockPairs);
                var sum = Vector<int>.Zero;
                for (var v = v0; v < end; v++)
                {
                    var offset = (nuint)(v * count);
                    sum += MultiplyAddPairs(Vector.AsVectorInt32(Vector.LoadUnsafe(ref pa, offset)), Vector.AsVectorInt32(Vector.LoadUnsafe(ref pb, row + offset)));
                }

                total += Widened(sum);
            }

            output[r] += Vector.Sum(total);
        }
    }

    /// <summary>
    /// Per int32 lane, low·low + high·high of the packed pairs, exact for any pairs but two (−32768, −32768) products
    /// (pmaddwd on the machine's vector width, or the same arithmetic lane by lane in software).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> MultiplyAddPairs(Vector<int> a, Vector<int> b)
    {
        if (Vector<byte>.Count == 64 && Avx512BW.IsSupported)
        {
            return Avx512BW.MultiplyAddAdjacent(a.AsVector512().AsInt16(), b.AsVector512().AsInt16()).AsVector();
        }

        if (Vector<byte>.Count == 32 && Avx2.IsSupported)
        {
            return Avx2.MultiplyAddAdjacent(a.AsVector256().AsInt16(), b.AsVector256().AsInt16()).AsVector();
        }

        if (Vector<byte>.Count == 16 && Sse2.IsSupported)
        {
            return Sse2.MultiplyAddAdjacent(a.AsVector128().AsInt16(), b.AsVector128().AsInt16()).AsVector();
        }

        var lowA = Vector.ShiftRightArithmetic(Vector.ShiftLeft(a, 16), 16);
        var lowB = Vector.ShiftRightArithmetic(Vector.ShiftLeft(b, 16), 16);
        return (lowA * lowB) + (Vector.ShiftRightArithmetic(a, 16) * Vector.ShiftRightArithmetic(b, 16));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> Widened(Vector<int> sums)
    {
        Vector.Widen(sums, out var low, out var high);
        return low + high;
    }

    // output[offset..] (+)= the sums widened: stored when `store`, else added.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(Span<long> output, int offset, Vector<int> sums, bool store)
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
