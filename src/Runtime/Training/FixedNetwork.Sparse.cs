using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The convolutions' weight gradients where most output errors are zero, as after a max pool (one error per window)
/// and a ReLU: Σ_p G[o, p]·X[tap, p] over the pairs of adjacent positions whose errors are not both zero, each pair
/// one multiply-add against the input rows laid out position-pair-major (im2row), so that the work follows the
/// nonzero errors instead of every position. The sums are the dense path's, exactly, so the bits are too.
/// </summary>
public sealed partial class FixedNetwork
{
    /// <summary>How many convolution backward passes formed their weight gradients from the nonzero error pairs.</summary>
    internal long SparseGradientPasses { get; private set; }

    /// <summary>Takes the sparse weight gradients wherever they hold, whatever they cost (for tests: same bits either way).</summary>
    internal bool AlwaysSparseGradients { get; set; }

    private static bool SparseCapable(FixedConvGeometry g) => g.StrideX == 1 && g.OutWidth % 2 == 0;

    // Adds Σ_p G[o, p]·X[tap, p] to the weight sums of the active channels from the nonzero pairs of their 16-bit
    // errors (nonzeroPairs of them in all); returns false (nothing added) where the dense kernel costs less. Every
    // channel's pairs must fit the pair kernels (BlockPairs of its magnitude and the input's above zero).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool SparseWeightGradients(FixedLayer l, FixedConvGeometry g, ReadOnlySpan<int> active, int nonzeroPairs, long inputMagnitude, bool always)
    {
        if (!SparseCapable(g) || active.IsEmpty)
        {
            return false;
        }

        // Vector instructions of each way: the dense kernel's multiply-adds against building the rows of pairs, listing
        // the pairs and their multiply-adds.
        var count = Vector<int>.Count;
        var rowPairs = g.Positions / 2;
        long dense = (long)active.Length * g.Taps * (g.PaddedPositions / (2 * count));
        var build = 2L * rowPairs * g.Channels * g.KernelHeight * ((g.KernelWidth + count - 1) / count);
        var sparse = build + ((long)nonzeroPairs * g.RowPairStride / count) + (3L * nonzeroPairs) + ((long)active.Length * rowPairs / count);
        if (sparse * 10 > dense * 7 && !always)
        {
            return false;
        }

        // The nonzero pairs of each active channel, as (pair index, packed pair), channel after channel, without a
        // branch on the data.
        var indices = g.PairIndices;
        var values = g.PairValues;
        var starts = g.PairStarts;
        var found = 0;
        for (var a = 0; a < active.Length; a++)
        {
            starts[a] = found;
            ref var errors = ref Unsafe.As<short, int>(ref g.Errors16[active[a] * g.PaddedPositions]);
            ref var index = ref MemoryMarshal.GetArrayDataReference(indices);
            ref var value = ref MemoryMarshal.GetArrayDataReference(values);
            for (var k = 0; k < rowPairs; k++)
            {
                var pair = Unsafe.Add(ref errors, k);
                Unsafe.Add(ref index, found) = k;
                Unsafe.Add(ref value, found) = pair;
                found += pair != 0 ? 1 : 0;
            }
        }

        starts[active.Length] = found;
        BuildRowPairs(g);
        for (var a = 0; a < active.Length; a++)
        {
            var o = active[a];
            var pairs = values.AsSpan(starts[a], starts[a + 1] - starts[a]);
            var sums = l.WeightSums.AsSpan(o * g.Taps, g.Taps);
            if (PairKernels.HalfMagnitudes(pairs) * inputMagnitude > int.MaxValue)
            {
                // One int32 block cannot hold this channel's sums: the dense kernel, with its blocks.
                PairKernels.DotRows(g.Errors16.AsSpan(o * g.PaddedPositions, g.PaddedPositions), Columns16Of(g), g.PaddedPositions, sums,
                    PairKernels.BlockPairs(g.ChannelMagnitudes[o], inputMagnitude));
                continue;
            }

            AccumulatePairs(g, indices.AsSpan(starts[a], pairs.Length), pairs, sums);
        }

        return true;
    }

    // sums[tap] += Σ_i madd(pairs[i], RowPairs[indices[i]][tap]) in int32 (one block: the caller bounded them), four
    // vectors of taps at a time in registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulatePairs(FixedConvGeometry g, ReadOnlySpan<int> indices, ReadOnlySpan<int> pairs, Span<long> sums)
    {
        var count = Vector<int>.Count;
        var stride = g.RowPairStride;
        ref var rows = ref MemoryMarshal.GetArrayDataReference(g.RowPairs);
        ref var chunkSums = ref MemoryMarshal.GetArrayDataReference(g.ChunkSums);
        for (var chunk = 0; chunk < stride; chunk += 4 * count)
        {
            Vector<int> s0 = default, s1 = default, s2 = default, s3 = default;
            for (var i = 0; i < pairs.Length; i++)
            {
                var w = new Vector<int>(pairs[i]);
                ref var row = ref Unsafe.Add(ref rows, (indices[i] * stride) + chunk);
                s0 += PairKernels.MultiplyAddPairs(w, Vector.LoadUnsafe(ref row));
                s1 += PairKernels.MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)count));
                s2 += PairKernels.MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)(2 * count)));
                s3 += PairKernels.MultiplyAddPairs(w, Vector.LoadUnsafe(ref row, (nuint)(3 * count)));
            }

            s0.StoreUnsafe(ref chunkSums, (nuint)chunk);
            s1.StoreUnsafe(ref chunkSums, (nuint)(chunk + count));
            s2.StoreUnsafe(ref chunkSums, (nuint)(chunk + (2 * count)));
            s3.StoreUnsafe(ref chunkSums, (nuint)(chunk + (3 * count)));
        }

        // Widened into the int64 sums, whole vectors then the last taps.
        ref var target = ref MemoryMarshal.GetReference(sums);
        var half = (nuint)Vector<long>.Count;
        var tap = 0;
        for (; tap <= sums.Length - count; tap += count)
        {
            Vector.Widen(Vector.LoadUnsafe(ref chunkSums, (nuint)tap), out var low, out var high);
            (Vector.LoadUnsafe(ref target, (nuint)tap) + low).StoreUnsafe(ref target, (nuint)tap);
            (Vector.LoadUnsafe(ref target, (nuint)tap + half) + high).StoreUnsafe(ref target, (nuint)tap + half);
        }

        for (; tap < sums.Length; tap++)
        {
            Unsafe.Add(ref target, tap) += Unsafe.Add(ref chunkSums, tap);
        }
    }

    // im2row in position pairs: RowPairs[k][tap] = (X[tap, 2k], X[tap, 2k + 1]) packed, low half first. With a stride of
    // one across and an even output width the pair's two positions sit side by side in the input plane, so a kernel
    // row's taps are one vector of the plane widened twice, one element apart.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BuildRowPairs(FixedConvGeometry g)
    {
        var count = Vector<int>.Count;
        ref var plane = ref MemoryMarshal.GetArrayDataReference(g.Plane16);
        ref var rows = ref MemoryMarshal.GetArrayDataReference(g.RowPairs);
        int kernelWidth = g.KernelWidth, kernelHeight = g.KernelHeight, channels = g.Channels, outWidth = g.OutWidth;
        int paddedWidth = g.PaddedWidth, channelStep = g.PaddedHeight * paddedWidth, rowStep = g.StrideY * paddedWidth;
        var stride = g.RowPairStride;

        // With AVX-512's word permutation (256 bits wide) one load of sixteen values and one permutation give all
        // eight pairs (x[t], x[t + 1]) of a segment.
        var slide = Avx512BW.VL.IsSupported && Vector<int>.Count == Vector256<int>.Count;
        var sliding = Vector256.Create((short)0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8);
        for (var k = 0; k < g.Positions / 2; k++)
        {
            var oy = 2 * k / outWidth;
            var ox = (2 * k) - (oy * outWidth);
            ref var row = ref Unsafe.Add(ref rows, k * stride);
            ref var corner = ref Unsafe.Add(ref plane, (oy * rowStep) + ox);
            var tap = 0;
            for (var ch = 0; ch < channels; ch++)
            {
                for (var r = 0; r < kernelHeight; r++)
                {
                    ref var source = ref Unsafe.Add(ref corner, (ch * channelStep) + (r * paddedWidth));
                    for (var t = 0; t < kernelWidth; t += count)
                    {
                        // Lanes past the kernel row are overwritten by the next row's taps or land in the padding taps.
                        if (slide)
                        {
                            Avx512BW.VL.PermuteVar16x16(Vector256.LoadUnsafe(ref source, (nuint)t), sliding).AsInt32().StoreUnsafe(ref row, (nuint)(tap + t));
                            continue;
                        }

                        var high = Vector.LoadUnsafe(ref source, (nuint)(t + 1));
                        var pairs = Interleaved(Vector.LoadUnsafe(ref source, (nuint)t), high);
                        pairs.StoreUnsafe(ref row, (nuint)(tap + t));
                    }

                    tap += kernelWidth;
                }
            }
        }
    }

    // The first Vector<int>.Count elements of two 16-bit vectors interleaved as int32 pairs (low from the first).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Interleaved(Vector<short> low, Vector<short> high)
    {
        Vector.Widen(Vector.AsVectorUInt16(low), out var lowHalves, out _);
        Vector.Widen(high, out var highHalves, out _);
        return Vector.AsVectorInt32(lowHalves) | Vector.ShiftLeft(highHalves, 16);
    }
}
