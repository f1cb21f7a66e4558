using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// A convolution's input errors where most output errors are zero, as after a max pool (one error per window) and a
/// ReLU: each nonzero error G[o, p] adds G[o, p]·W[o, c, r, t] into the input position its window read at (r, t), for
/// every channel c. The sums go into an int32 plane laid out [padded y][padded x][channel], the channels rounded up
/// to whole vectors, so that one kernel row of one window is kw whole vectors side by side, and two windows that
/// overlap do so in whole vectors (a load then always finds the earlier store whole). The sums are the dense path's,
/// exactly, so the bits are too.
/// </summary>
public sealed partial class FixedNetwork
{
    /// <summary>How many convolution backward passes scattered their input errors from the nonzero errors.</summary>
    internal long ScatteredErrorPasses { get; private set; }

    /// <summary>Scatters the input errors wherever that holds, whatever it costs (for tests: same bits either way).</summary>
    internal bool AlwaysScatterErrors { get; set; }

    // Puts dE/dX's int32 sums into InputErrors32 from the nonzero errors of the active channels (at most twice
    // nonzeroPairs of them); returns false (nothing written) where the dense kernels cost less or a channel's sums
    // could reach `limit`: Σ over the active channels' weights of that input channel of |W|, times the largest |G|,
    // bounds each of its sums, as each input position takes each (o, r, t) at most once.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ScatterInputErrors(FixedLayer l, FixedConvGeometry g, ReadOnlySpan<int> active, int nonzeroPairs, long errorMagnitude, long limit, bool always)
    {
        var window = g.KernelHeight * g.KernelWidth;
        if (active.IsEmpty || (long)g.OutChannels * window >= 1 << 16)
        {
            return false; // (the packing sums |W| < 2^15 in int32 lanes, at most 2^16 of them)
        }

        // Vector instructions of each way, roughly: the dense kernels' multiply-adds and their col2im against the
        // scatter's multiply-adds, its plane, its packing and its cropping.
        var count = Vector<int>.Count;
        var lanes = g.ScatterChannels;
        long dense = ((long)g.Taps * ((active.Length + 1) / 2) * g.PaddedPositions / count) +
            ((long)g.Taps * g.OutHeight * ((g.OutWidth + count - 1) / count));
        var scatter = (2L * nonzeroPairs * window * lanes / count) + (g.ScatterPlane.Length / count) +
            (g.Channels * g.Height * g.Width) + ((long)active.Length * g.Taps / 2);
        if (scatter > dense && !always)
        {
            return false;
        }

        // The active channels' weights as [active channel][r][t][channel lane], lanes past the channels zero, and each
        // input channel's Σ|W| for the bound.
        var bounds = PackScatterWeights(l.Weights, g, active);
        for (var c = 0; c < g.Channels; c++)
        {
            if (bounds[c] * errorMagnitude >= limit)
            {
                return false;
            }
        }

        var found = ListNonzeroErrors(g, active);
        g.ScatterStarts[active.Length] = found;
        Scatter(g, active.Length);
        CropChannels(g);
        return true;
    }

    // ScatterWeights[a][k][c] = W[active[a], c, k] (k = r·kw + t), in 8×8 blocks transposed in registers where the
    // vectors are AVX2's, else value by value; returns each input channel's Σ|W| over the active channels.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long[] PackScatterWeights(int[] weights, FixedConvGeometry g, ReadOnlySpan<int> active)
    {
        var lanes = g.ScatterChannels;
        var window = g.KernelHeight * g.KernelWidth;
        var bounds = g.ChannelBounds;
        Array.Clear(bounds);
        ref var source = ref MemoryMarshal.GetArrayDataReference(weights);
        ref var packed = ref MemoryMarshal.GetArrayDataReference(g.ScatterWeights);
        var blocks = Avx2.IsSupported && Vector<int>.Count == 8 ? window / 8 * 8 : 0;
        for (var group = 0; group < lanes; group += 8)
        {
            var magnitudes = Vector256<int>.Zero;
            for (var a = 0; a < active.Length && blocks > 0; a++)
            {
                // Rows of channels past the layer's are zero (their lanes of the packed weights stay zero).
                ref var first = ref Unsafe.Add(ref source, ((active[a] * g.Channels) + group) * window);
                var rows = Math.Min(8, g.Channels - group);
                for (var k = 0; k < blocks; k += 8)
                {
                    var r0 = Row(ref first, 0, rows, window, k);
                    var r1 = Row(ref first, 1, rows, window, k);
                    var r2 = Row(ref first, 2, rows, window, k);
                    var r3 = Row(ref first, 3, rows, window, k);
                    var r4 = Row(ref first, 4, rows, window, k);
                    var r5 = Row(ref first, 5, rows, window, k);
                    var r6 = Row(ref first, 6, rows, window, k);
                    var r7 = Row(ref first, 7, rows, window, k);
                    Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
                    ref var target = ref Unsafe.Add(ref packed, (((a * window) + k) * lanes) + group);
                    magnitudes += Store(ref target, 0, lanes, r0);
                    magnitudes += Store(ref target, 1, lanes, r1);
                    magnitudes += Store(ref target, 2, lanes, r2);
                    magnitudes += Store(ref target, 3, lanes, r3);
                    magnitudes += Store(ref target, 4, lanes, r4);
                    magnitudes += Store(ref target, 5, lanes, r5);
                    magnitudes += Store(ref target, 6, lanes, r6);
                    magnitudes += Store(ref target, 7, lanes, r7);
                }
            }

            for (var c = group; c < Math.Min(group + 8, g.Channels) && blocks > 0; c++)
            {
                bounds[c] += magnitudes.GetElement(c - group);
            }
        }

        // The taps after the whole blocks, value by value.
        for (var a = 0; a < active.Length; a++)
        {
            for (var c = 0; c < g.Channels; c++)
            {
                ref var row = ref Unsafe.Add(ref source, ((active[a] * g.Channels) + c) * window);
                long sum = 0;
                for (var k = blocks; k < window; k++)
                {
                    var w = Unsafe.Add(ref row, k);
                    Unsafe.Add(ref packed, (((a * window) + k) * lanes) + c) = w;
                    sum += Math.Abs(w);
                }

                bounds[c] += sum;
            }
        }

        return bounds;
    }

    // The 8×8 block of int32 in the eight vectors transposed in place: afterwards vector j holds lane j of each.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(
        ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        var t0 = Avx2.UnpackLow(r0, r1);
        var t1 = Avx2.UnpackHigh(r0, r1);
        var t2 = Avx2.UnpackLow(r2, r3);
        var t3 = Avx2.UnpackHigh(r2, r3);
        var t4 = Avx2.UnpackLow(r4, r5);
        var t5 = Avx2.UnpackHigh(r4, r5);
        var t6 = Avx2.UnpackLow(r6, r7);
        var t7 = Avx2.UnpackHigh(r6, r7);
        var u0 = Avx2.UnpackLow(t0.AsInt64(), t2.AsInt64()).AsInt32();
        var u1 = Avx2.UnpackHigh(t0.AsInt64(), t2.AsInt64()).AsInt32();
        var u2 = Avx2.UnpackLow(t1.AsInt64(), t3.AsInt64()).AsInt32();
        var u3 = Avx2.UnpackHigh(t1.AsInt64(), t3.AsInt64()).AsInt32();
        var u4 = Avx2.UnpackLow(t4.AsInt64(), t6.AsInt64()).AsInt32();
        var u5 = Avx2.UnpackHigh(t4.AsInt64(), t6.AsInt64()).AsInt32();
        var u6 = Avx2.UnpackLow(t5.AsInt64(), t7.AsInt64()).AsInt32();
        var u7 = Avx2.UnpackHigh(t5.AsInt64(), t7.AsInt64()).AsInt32();
        r0 = Avx2.Permute2x128(u0, u4, 0x20);
        r1 = Avx2.Permute2x128(u1, u5, 0x20);
        r2 = Avx2.Permute2x128(u2, u6, 0x20);
        r3 = Avx2.Permute2x128(u3, u7, 0x20);
        r4 = Avx2.Permute2x128(u0, u4, 0x31);
        r5 = Avx2.Permute2x128(u1, u5, 0x31);
        r6 = Avx2.Permute2x128(u2, u6, 0x31);
        r7 = Avx2.Permute2x128(u3, u7, 0x31);
    }

    // Taps k..k+7 of channel row `row` of a window, or zeros for a row past the layer's channels.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Row(ref int first, int row, int rows, int window, int k) =>
        row < rows ? Vector256.LoadUnsafe(ref first, (nuint)((row * window) + k)) : Vector256<int>.Zero;

    // One transposed tap (8 channel lanes) stored; returns its magnitudes, for the bound (|W| ≤ 2^15, fewer than 2^16
    // of them per lane: the caller's condition).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Store(ref int target, int tap, int lanes, Vector256<int> values)
    {
        values.StoreUnsafe(ref target, (nuint)(tap * lanes));
        return Vector256.Abs(values);
    }

    // ScatterCorners and ScatterValues: the nonzero errors of each active channel (from the zero-padded Errors rows)
    // with their windows' corners, channel after channel, without a branch on the data: eight lanes compacted at once
    // by a permutation chosen by their nonzero mask where the vectors are AVX2's, else one value at a time. Returns
    // how many there are.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ListNonzeroErrors(FixedConvGeometry g, ReadOnlySpan<int> active)
    {
        var found = 0;
        ref var corners = ref MemoryMarshal.GetArrayDataReference(g.WindowCorners);
        ref var cornersOut = ref MemoryMarshal.GetArrayDataReference(g.ScatterCorners);
        ref var valuesOut = ref MemoryMarshal.GetArrayDataReference(g.ScatterValues);
        ref var table = ref MemoryMarshal.GetArrayDataReference(g.Compaction);
        var vectors = Avx2.IsSupported && Vector<int>.Count == 8;
        for (var a = 0; a < active.Length; a++)
        {
            g.ScatterStarts[a] = found;
            ref var errors = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(g.Errors), active[a] * g.PaddedPositions);
            if (vectors)
            {
                for (var p = 0; p < g.PaddedPositions; p += 8)
                {
                    var values = Vector256.LoadUnsafe(ref errors, (nuint)p);
                    var mask = (int)Avx.MoveMask(Vector256.Equals(values, Vector256<int>.Zero).AsSingle()) ^ 0xFF;
                    var order = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref table, (nuint)(mask * 8)));
                    Avx2.PermuteVar8x32(values, order).StoreUnsafe(ref valuesOut, (nuint)found);
                    Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref corners, (nuint)p), order).StoreUnsafe(ref cornersOut, (nuint)found);
                    found += BitOperations.PopCount((uint)mask);
                }

                continue;
            }

            for (var p = 0; p < g.Positions; p++)
            {
                var e = Unsafe.Add(ref errors, p);
                Unsafe.Add(ref cornersOut, found) = Unsafe.Add(ref corners, p);
                Unsafe.Add(ref valuesOut, found) = e;
                found += e != 0 ? 1 : 0;
            }
        }

        return found;
    }

    // ScatterPlane = Σ over the listed errors of G·W[o, :, r, :] at their windows, one kernel row (kw·lanes values, whole
    // vectors) at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scatter(FixedConvGeometry g, int active)
    {
        var count = Vector<int>.Count;
        var lanes = g.ScatterChannels;
        var row = g.KernelWidth * lanes;
        var window = g.KernelHeight * row;
        var planeRow = g.PaddedWidth * lanes;
        var kernelHeight = g.KernelHeight;
        g.ScatterPlane.AsSpan().Clear();
        ref var plane = ref MemoryMarshal.GetArrayDataReference(g.ScatterPlane);
        ref var corners = ref MemoryMarshal.GetArrayDataReference(g.ScatterCorners);
        ref var values = ref MemoryMarshal.GetArrayDataReference(g.ScatterValues);
        for (var a = 0; a < active; a++)
        {
            ref var weights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(g.ScatterWeights), a * window);
            for (var i = g.ScatterStarts[a]; i < g.ScatterStarts[a + 1]; i++)
            {
                var e = new Vector<int>(Unsafe.Add(ref values, i));
                ref var target = ref Unsafe.Add(ref plane, Unsafe.Add(ref corners, i));
                ref var source = ref weights;
                for (var r = 0; r < kernelHeight; r++)
                {
                    for (var j = 0; j < row; j += count)
                    {
                        (Vector.LoadUnsafe(ref target, (nuint)j) + (e * Vector.LoadUnsafe(ref source, (nuint)j))).StoreUnsafe(ref target, (nuint)j);
                    }

                    target = ref Unsafe.Add(ref target, planeRow);
                    source = ref Unsafe.Add(ref source, row);
                }
            }
        }
    }

    // InputErrors32[c][iy][ix] = ScatterPlane[iy + py][ix + px][c]: the input's own positions, channel-major; eight
    // positions at a time through an 8×8 transpose where the lanes are eight AVX2 ones and the rows at least eight
    // long (the last block of a row moved back to end at its end), else value by value.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CropChannels(FixedConvGeometry g)
    {
        var lanes = g.ScatterChannels;
        var positions = g.Height * g.Width;
        ref var plane = ref MemoryMarshal.GetArrayDataReference(g.ScatterPlane);
        ref var output = ref MemoryMarshal.GetArrayDataReference(g.InputErrors32);
        var blocks = Avx2.IsSupported && lanes == Vector256<int>.Count && Vector<int>.Count == lanes && g.Width >= lanes;
        for (var iy = 0; iy < g.Height; iy++)
        {
            ref var source = ref Unsafe.Add(ref plane, (((iy + g.PadY) * g.PaddedWidth) + g.PadX) * lanes);
            ref var target = ref Unsafe.Add(ref output, iy * g.Width);
            if (blocks)
            {
                for (var ix = 0; ; ix += 8)
                {
                    ix = Math.Min(ix, g.Width - 8);
                    ref var block = ref Unsafe.Add(ref source, ix * 8);
                    var r0 = Vector256.LoadUnsafe(ref block);
                    var r1 = Vector256.LoadUnsafe(ref block, 8);
                    var r2 = Vector256.LoadUnsafe(ref block, 16);
                    var r3 = Vector256.LoadUnsafe(ref block, 24);
                    var r4 = Vector256.LoadUnsafe(ref block, 32);
                    var r5 = Vector256.LoadUnsafe(ref block, 40);
                    var r6 = Vector256.LoadUnsafe(ref block, 48);
                    var r7 = Vector256.LoadUnsafe(ref block, 56);
                    Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
                    ref var first = ref Unsafe.Add(ref target, ix);
                    Put(ref first, 0, g.Channels, positions, r0);
                    Put(ref first, 1, g.Channels, positions, r1);
                    Put(ref first, 2, g.Channels, positions, r2);
                    Put(ref first, 3, g.Channels, positions, r3);
                    Put(ref first, 4, g.Channels, positions, r4);
                    Put(ref first, 5, g.Channels, positions, r5);
                    Put(ref first, 6, g.Channels, positions, r6);
                    Put(ref first, 7, g.Channels, positions, r7);
                    if (ix == g.Width - 8)
                    {
                        break;
                    }
                }

                continue;
            }

            for (var ix = 0; ix < g.Width; ix++)
            {
                for (var c = 0; c < g.Channels; c++)
                {
                    Unsafe.Add(ref target, (c * positions) + ix) = Unsafe.Add(ref source, (ix * lanes) + c);
                }
            }
        }

        // Channel c's eight values, where the layer has that channel.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Put(ref int first, int c, int channels, int positions, Vector256<int> values)
        {
            if (c < channels)
            {
                values.StoreUnsafe(ref first, (nuint)(c * positions));
            }
        }
    }
}
