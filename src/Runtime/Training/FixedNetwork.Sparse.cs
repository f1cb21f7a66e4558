using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    // Sparse when at most this fraction of the active channels' position pairs carry an error.
    private const double SparseDensity = 0.5;

    private static bool SparseCapable(FixedConvGeometry g) => g.StrideX == 1 && g.OutWidth % 2 == 0;

    // Adds Σ_p G[o, p]·X[tap, p] to the weight sums of the active channels from the nonzero pairs of their 16-bit
    // errors; returns false (nothing added) where the errors are too dense for it to pay. Every channel's pairs must fit
    // the pair kernels (BlockPairs of its magnitude and the input's above zero).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool SparseWeightGradients(FixedLayer l, FixedConvGeometry g, ReadOnlySpan<int> active, long inputMagnitude)
    {
        if (!SparseCapable(g) || active.IsEmpty)
        {
            return false;
        }

        // The nonzero pairs of each active channel, as (pair index, packed pair), channel after channel.
        var rowPairs = g.Positions / 2;
        var count = Vector<int>.Count;
        var indices = g.PairIndices;
        var values = g.PairValues;
        var starts = g.PairStarts;
        var found = 0;
        for (var a = 0; a < active.Length; a++)
        {
            starts[a] = found;
            ref var errors = ref Unsafe.As<short, int>(ref g.Errors16[active[a] * g.PaddedPositions]);
            var k = 0;
            for (; k <= rowPairs - count; k += count)
            {
                var zero = Vector.Equals(Vector.LoadUnsafe(ref errors, (nuint)k), Vector<int>.Zero);
                if (Vector.EqualsAll(zero, new Vector<int>(-1)))
                {
                    continue;
                }

                for (var lane = 0; lane < count; lane++)
                {
                    var pair = Unsafe.Add(ref errors, k + lane);
                    if (pair != 0)
                    {
                        indices[found] = k + lane;
                        values[found++] = pair;
                    }
                }
            }

            for (; k < rowPairs; k++)
            {
                var pair = Unsafe.Add(ref errors, k);
                if (pair != 0)
                {
                    indices[found] = k;
                    values[found++] = pair;
                }
            }
        }

        starts[active.Length] = found;
        if (found > SparseDensity * active.Length * rowPairs)
        {
            return false;
        }

        BuildRowPairs(g);
        for (var a = 0; a < active.Length; a++)
        {
            var o = active[a];
            var pairs = values.AsSpan(starts[a], starts[a + 1] - starts[a]);
            var sums = l.WeightSums.AsSpan(o * g.Taps, g.Taps);
            if (PairKernels.HalfMagnitudes(pairs) * inputMagnitude > int.MaxValue)
            {
                // One int32 block cannot hold this channel's sums: the dense kernel, with its blocks.
                PairKernels.DotRows(g.Errors16.AsSpan(o * g.PaddedPositions, g.PaddedPositions), g.Columns16, g.PaddedPositions, sums,
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

        for (var tap = 0; tap < sums.Length; tap++)
        {
            sums[tap] += Unsafe.Add(ref chunkSums, tap);
        }
    }

    // im2row in position pairs: RowPairs[k][tap] = (X[tap, 2k], X[tap, 2k + 1]) packed, low half first. With a stride of
    // one across and an even output width the pair's two positions sit side by side in the input plane, so a kernel
    // row's taps are one vector of the plane widened twice, one element apart.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BuildRowPairs(FixedConvGeometry g)
    {
        var count = Vector<int>.Count;
        var mask = new Vector<int>(0xFFFF);
        ref var plane = ref MemoryMarshal.GetArrayDataReference(g.Plane16);
        ref var rows = ref MemoryMarshal.GetArrayDataReference(g.RowPairs);
        var kernelWidth = g.KernelWidth;
        for (var k = 0; k < g.Positions / 2; k++)
        {
            var oy = 2 * k / g.OutWidth;
            var ox = (2 * k) - (oy * g.OutWidth);
            ref var row = ref Unsafe.Add(ref rows, k * g.RowPairStride);
            var tap = 0;
            for (var ch = 0; ch < g.Channels; ch++)
            {
                for (var r = 0; r < g.KernelHeight; r++)
                {
                    ref var source = ref Unsafe.Add(ref plane, (((ch * g.PaddedHeight) + (oy * g.StrideY) + r) * g.PaddedWidth) + ox);
                    for (var t = 0; t < kernelWidth; t += count)
                    {
                        // Lanes past the kernel row are overwritten by the next row's taps or land in the padding taps.
                        Vector.Widen(Vector.LoadUnsafe(ref source, (nuint)t), out var low, out _);
                        Vector.Widen(Vector.LoadUnsafe(ref source, (nuint)(t + 1)), out var high, out _);
                        ((low & mask) | Vector.ShiftLeft(high, 16)).StoreUnsafe(ref row, (nuint)(tap + t));
                    }

                    tap += kernelWidth;
                }
            }
        }
    }
}
