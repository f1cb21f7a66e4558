using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The vector path of the fixed-point network: the same ops and the same bits as the scalar reference, with the
/// exact sums formed by <see cref="PairKernels"/> (int16 multiply-add pairs) or <see cref="ExactKernels"/> (int32
/// products) in int32 lanes, over blocks sized from the operands' largest magnitudes and widened to int64, and
/// narrowed by <see cref="LaneNarrowing"/>.
/// </summary>
public sealed partial class FixedNetwork
{
    /// <summary>Words of at most this many bits take the vector path: their products fit an int32.</summary>
    private const int VectorWordBits = 16;

    private static bool VectorCapable(TrainingSymbol training) =>
        training.Input.Format.WordBits <= VectorWordBits &&
        training.Network.Layers.All(l =>
        {
            var p = training.PrecisionOf(l);
            return p.Forward.Format.WordBits <= VectorWordBits && p.Error.Format.WordBits <= VectorWordBits &&
                p.WeightGradient.Format.WordBits <= VectorWordBits && p.Update.Format.WordBits <= VectorWordBits;
        });

    private long WeightMagnitude(FixedLayer l)
    {
        if (l.WeightMagnitude < 0)
        {
            l.WeightMagnitude = ExactKernels.MaxMagnitude(l.Weights);
        }

        return l.WeightMagnitude;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ConvForwardVector(FixedLayer l, int[] x, FixedFormat xf, ulong key)
    {
        var g = l.Convolution!;
        FillPlane(g, x);
        g.ColumnsUnfolded = false;
        g.ColumnsWidened = false;
        var (fraction, productShift, biasShift) = Alignment(l, xf);
        g.InputMagnitude = ExactKernels.MaxMagnitude(x, out var nonNegative);
        var block = ExactKernels.BlockTerms(WeightMagnitude(l), g.InputMagnitude);
        var pairBlock = PairKernels.BlockPairs(WeightMagnitude(l), g.InputMagnitude);
        if (pairBlock > 0)
        {
            PairTaps(g, l.Weights);
        }

        var row = g.Row.AsSpan();
        if (pairBlock == 0)
        {
            for (var o = 0; o < g.OutChannels; o++)
            {
                ExactKernels.AccumulateRows(l.Weights.AsSpan(o * g.Taps, g.Taps), WidenedColumns(g), g.PaddedPositions, g.PaddedPositions, row, block, overwrite: true);
                NarrowOutputs(l, o, row[..g.Positions], fraction, productShift, biasShift, key);
            }

            return;
        }

        var sums = g.Sums.AsSpan();
        PairKernels.MultiplyRows(g.PairedWeights, g.TapPairs, g.OutChannels, g.TapPairs, g.PairedColumns, g.PaddedPositions, g.PaddedPositions,
            g.InputMagnitude, nonNegative, sums, g.PaddedPositions, g.BlockEnds);
        for (var o = 0; o < g.OutChannels; o++)
        {
            NarrowOutputs(l, o, sums.Slice(o * g.PaddedPositions, g.Positions), fraction, productShift, biasShift, key);
        }
    }

    // Output channel o narrowed from its sums with the bias added.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NarrowOutputs(FixedLayer l, int o, ReadOnlySpan<long> sums, int fraction, int productShift, int biasShift, ulong key)
    {
        var bias = l.Bias.Length > 0 ? (long)l.Bias[o] << biasShift : 0;
        LaneNarrowing.Narrow(sums, fraction, l.Precision.Forward, key, (long)o * sums.Length, l.Output.AsSpan(o * sums.Length, sums.Length), productShift, bias);
    }

    // The columns and weights packed in tap pairs for the multiply-add of pairs (an odd last tap pairs with zero).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PairTaps(FixedConvGeometry g, int[] weights)
    {
        var columns = PairTapsFromPlane(g) ? [] : Columns16Of(g).AsSpan();
        for (var j = 0; j < g.TapPairs && !columns.IsEmpty; j++)
        {
            var low = columns.Slice(2 * j * g.PaddedPositions, g.PaddedPositions);
            var high = (2 * j) + 1 < g.Taps ? columns.Slice(((2 * j) + 1) * g.PaddedPositions, g.PaddedPositions) : [];
            Interleave(low, high, g.PairedColumns.AsSpan(j * g.PaddedPositions, g.PaddedPositions));
        }

        for (var o = 0; o < g.OutChannels; o++)
        {
            PairKernels.PackAdjacent(weights.AsSpan(o * g.Taps, g.Taps), g.PairedWeights.AsSpan(o * g.TapPairs, g.TapPairs));
        }
    }

    // PairedColumns straight from the 16-bit plane, without the columns, where AVX-512's two-source word permutation
    // interleaves eight pairs an instruction (and the stride across is one): per tap pair and output row, sixteen
    // positions at a time from the two taps' plane rows (a vector running past the output row is written over by the
    // next, or lands in the slack after the last). Returns false, leaving it to the columns, where that does not hold.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool PairTapsFromPlane(FixedConvGeometry g)
    {
        var count = Vector256<short>.Count;
        if (!Avx512BW.VL.IsSupported || Vector<short>.Count != count || g.StrideX != 1)
        {
            return false;
        }

        ref var plane = ref MemoryMarshal.GetArrayDataReference(g.Plane16);
        ref var offsets = ref MemoryMarshal.GetArrayDataReference(g.PlaneOffsets);
        ref var paired = ref MemoryMarshal.GetArrayDataReference(g.PairedColumns);
        int width = g.OutWidth, height = g.OutHeight, step = g.StrideY * g.PaddedWidth, taps = g.Taps;
        for (var j = 0; j < g.TapPairs; j++)
        {
            var odd = (2 * j) + 1 < taps;
            ref var low = ref Unsafe.Add(ref plane, Unsafe.Add(ref offsets, 2 * j));
            ref var high = ref Unsafe.Add(ref plane, odd ? Unsafe.Add(ref offsets, (2 * j) + 1) : 0);
            ref var target = ref Unsafe.Add(ref paired, j * g.PaddedPositions);
            for (var oy = 0; oy < height; oy++)
            {
                for (var ox = 0; ox < width; ox += count)
                {
                    var b = odd ? Vector256.LoadUnsafe(ref high, (nuint)ox) : Vector256<short>.Zero;
                    StorePairs(Vector256.LoadUnsafe(ref low, (nuint)ox), b, ref Unsafe.Add(ref target, ox));
                }

                low = ref Unsafe.Add(ref low, step);
                high = ref Unsafe.Add(ref high, step);
                target = ref Unsafe.Add(ref target, width);
            }
        }

        return true;
    }

    // target[i] = (low[i], high[i]) packed in an int32, low half first, for the sixteen lanes: AVX-512's two-source
    // word permutation interleaves eight pairs an instruction (the caller checks Avx512BW.VL).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePairs(Vector256<short> low, Vector256<short> high, ref int target)
    {
        var first = Vector256.Create((short)0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        var second = Vector256.Create((short)8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        Avx512BW.VL.PermuteVar16x16x2(low, first, high).AsInt32().StoreUnsafe(ref target);
        Avx512BW.VL.PermuteVar16x16x2(low, second, high).AsInt32().StoreUnsafe(ref target, (nuint)Vector256<int>.Count);
    }

    // Columns16 for the current pass, unfolded from the plane at the first call that needs them.
    private static short[] Columns16Of(FixedConvGeometry g)
    {
        if (!g.ColumnsUnfolded)
        {
            UnfoldColumns(g);
            g.ColumnsUnfolded = true;
        }

        return g.Columns16;
    }

    // output[i] = (low[i], high[i]) packed in an int32, low half first; no high row pairs with zeros. The length is a
    // whole number of 16-bit vectors.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interleave(ReadOnlySpan<short> low, ReadOnlySpan<short> high, Span<int> output)
    {
        var count = Vector<short>.Count;
        var half = (nuint)Vector<int>.Count;
        ref var l = ref MemoryMarshal.GetReference(low);
        ref var h = ref MemoryMarshal.GetReference(high);
        ref var o = ref MemoryMarshal.GetReference(output);
        if (Avx512BW.VL.IsSupported && count == Vector256<short>.Count)
        {
            for (var i = 0; i < output.Length; i += count)
            {
                var b = high.IsEmpty ? Vector256<short>.Zero : Vector256.LoadUnsafe(ref h, (nuint)i);
                StorePairs(Vector256.LoadUnsafe(ref l, (nuint)i), b, ref Unsafe.Add(ref o, i));
            }

            return;
        }

        var mask = new Vector<int>(0xFFFF);
        for (var i = 0; i < output.Length; i += count)
        {
            Vector.Widen(Vector.LoadUnsafe(ref l, (nuint)i), out var l0, out var l1);
            if (high.IsEmpty)
            {
                (l0 & mask).StoreUnsafe(ref o, (nuint)i);
                (l1 & mask).StoreUnsafe(ref o, (nuint)i + half);
                continue;
            }

            Vector.Widen(Vector.LoadUnsafe(ref h, (nuint)i), out var h0, out var h1);
            ((l0 & mask) | Vector.ShiftLeft(h0, 16)).StoreUnsafe(ref o, (nuint)i);
            ((l1 & mask) | Vector.ShiftLeft(h1, 16)).StoreUnsafe(ref o, (nuint)i + half);
        }
    }

    // The columns widened to int32 for the int32 kernels, once per pass and only when one needs them.
    private static int[] WidenedColumns(FixedConvGeometry g)
    {
        if (!g.ColumnsWidened)
        {
            var columns = Columns16Of(g);
            for (var i = 0; i < g.Columns.Length; i++)
            {
                g.Columns[i] = columns[i];
            }

            g.ColumnsWidened = true;
        }

        return g.Columns;
    }

    // im2col: Columns16[tap][oy·F + ox] = X[ch, oy·sy + r − py, ox·sx + t − px], zero outside the input, from the plane
    // (FillPlane: X with a zero border as wide as the padding), so that every column row is a plain copy of part of a
    // plane row, in whole vectors (a copy running past its row is overwritten by the next, or lands in the slack).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UnfoldColumns(FixedConvGeometry g)
    {
        var count = Vector<short>.Count;
        ref var columns = ref MemoryMarshal.GetArrayDataReference(g.Columns16);
        ref var planeStart = ref MemoryMarshal.GetArrayDataReference(g.Plane16);
        var sourceStep = g.StrideY * g.PaddedWidth;
        var (width, height) = (g.OutWidth, g.OutHeight);
        for (var ch = 0; ch < g.Channels; ch++)
        {
            for (var r = 0; r < g.KernelHeight; r++)
            {
                for (var t = 0; t < g.KernelWidth; t++)
                {
                    var tap = (((ch * g.KernelHeight) + r) * g.KernelWidth) + t;
                    ref var target = ref Unsafe.Add(ref columns, tap * g.PaddedPositions);
                    ref var source = ref Unsafe.Add(ref planeStart, (((ch * g.PaddedHeight) + r) * g.PaddedWidth) + t);
                    if (g.StrideX != 1)
                    {
                        for (var oy = 0; oy < height; oy++)
                        {
                            for (var ox = 0; ox < width; ox++)
                            {
                                Unsafe.Add(ref target, (oy * width) + ox) = Unsafe.Add(ref source, (oy * sourceStep) + (ox * g.StrideX));
                            }
                        }
                    }
                    else if (width <= count)
                    {
                        // One vector per output row (the common small layer).
                        for (var oy = 0; oy < height; oy++)
                        {
                            Vector.LoadUnsafe(ref source).StoreUnsafe(ref target);
                            source = ref Unsafe.Add(ref source, sourceStep);
                            target = ref Unsafe.Add(ref target, width);
                        }
                    }
                    else
                    {
                        for (var oy = 0; oy < height; oy++)
                        {
                            for (var ox = 0; ox < width; ox += count)
                            {
                                Vector.LoadUnsafe(ref source, (nuint)ox).StoreUnsafe(ref target, (nuint)ox);
                            }

                            source = ref Unsafe.Add(ref source, sourceStep);
                            target = ref Unsafe.Add(ref target, width);
                        }
                    }
                }
            }
        }
    }

    // X into the 16-bit plane's rows, a vector of 16-bit values at a time (narrowed from two of int32): a row at least a
    // vector wide ends with a vector overlapping the one before; a shorter one writes a whole vector where that stays in
    // its plane row and there is no border to keep (no padding across: the rest lands in the row's slack, which no
    // column reads as an input value) and is copied value by value otherwise.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillPlane(FixedConvGeometry g, int[] x)
    {
        var count = Vector<short>.Count;
        var half = (nuint)Vector<int>.Count;
        int width = g.Width, height = g.Height;
        ref var source = ref MemoryMarshal.GetArrayDataReference(x);
        ref var plane = ref MemoryMarshal.GetArrayDataReference(g.Plane16);
        var spill = width < count && g.PadX == 0 && count <= g.PaddedWidth; // the vector stays inside its plane row
        for (var ch = 0; ch < g.Channels; ch++)
        {
            for (var iy = 0; iy < height; iy++)
            {
                var from = ((ch * height) + iy) * width;
                ref var row = ref Unsafe.Add(ref source, from);
                ref var target = ref Unsafe.Add(ref plane, (((ch * g.PaddedHeight) + iy + g.PadY) * g.PaddedWidth) + g.PadX);
                if (width >= count)
                {
                    for (var ix = 0; ; ix += count)
                    {
                        ix = Math.Min(ix, width - count);
                        Vector.Narrow(Vector.LoadUnsafe(ref row, (nuint)ix), Vector.LoadUnsafe(ref row, (nuint)ix + half)).StoreUnsafe(ref target, (nuint)ix);
                        if (ix == width - count)
                        {
                            break;
                        }
                    }
                }
                else if (spill && from + count <= x.Length)
                {
                    Vector.Narrow(Vector.LoadUnsafe(ref row), Vector.LoadUnsafe(ref row, half)).StoreUnsafe(ref target);
                }
                else
                {
                    for (var ix = 0; ix < width; ix++)
                    {
                        Unsafe.Add(ref target, ix) = (short)Unsafe.Add(ref row, ix);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ConvBackwardVector(FixedLayer l, FixedFormat xf, FixedLayer? target, ulong key)
    {
        var g = l.Convolution!;
        var gf = l.Precision.Error.Format;
        l.GradientFraction = gf.FractionBits + xf.FractionBits;
        var errors = g.Errors.AsSpan();
        var inputMagnitude = g.InputMagnitude;
        long errorMagnitude = 0;
        var active = 0;
        var nonzeroPairs = 0;
        for (var o = 0; o < g.OutChannels; o++)
        {
            var errorRow = errors.Slice(o * g.PaddedPositions, g.PaddedPositions);
            var errorRow16 = g.Errors16.AsSpan(o * g.PaddedPositions, g.PaddedPositions);
            var magnitude = CopyErrors(l.Error.AsSpan(o * g.Positions, g.Positions), errorRow, errorRow16, out var sum, out var pairs);
            nonzeroPairs += pairs;
            errorMagnitude = Math.Max(errorMagnitude, magnitude);
            if (magnitude == 0)
            {
                continue;
            }

            g.ActiveChannels[active++] = o;

            if (l.BiasSums.Length > 0)
            {
                l.BiasSums[o] += sum;
            }

            g.ChannelMagnitudes[o] = magnitude;
        }

        // The weight gradients: over the nonzero error pairs where few are, else over every position.
        var pairsOnly = PairKernels.BlockPairs(errorMagnitude, inputMagnitude) > 0 &&
            SparseWeightGradients(l, g, g.ActiveChannels.AsSpan(0, active), nonzeroPairs, inputMagnitude, AlwaysSparseGradients);
        SparseGradientPasses += pairsOnly ? 1 : 0;
        for (var a = 0; a < active && !pairsOnly; a++)
        {
            var o = g.ActiveChannels[a];
            var magnitude = g.ChannelMagnitudes[o];
            var pairBlock = PairKernels.BlockPairs(magnitude, inputMagnitude);
            if (pairBlock > 0)
            {
                PairKernels.DotRows(g.Errors16.AsSpan(o * g.PaddedPositions, g.PaddedPositions), Columns16Of(g), g.PaddedPositions, l.WeightSums.AsSpan(o * g.Taps, g.Taps), pairBlock);
            }
            else
            {
                ExactKernels.DotRows(errors.Slice(o * g.PaddedPositions, g.PaddedPositions), WidenedColumns(g), g.PaddedPositions, l.WeightSums.AsSpan(o * g.Taps, g.Taps), ExactKernels.BlockTerms(magnitude, inputMagnitude));
            }
        }

        if (target is null)
        {
            return;
        }

        // dE/dX: Σ_o W[o, tap]·G[o, p] per tap and position, then each tap's row added back where its window read.
        var output = g.Row.AsSpan();
        var padded = g.PaddedInput.AsSpan();
        if (errorMagnitude > 0)
        {
            var errorFraction = gf.FractionBits + l.Precision.Update.Format.FractionBits;
            if (LaneNarrowing.NarrowsSums32(errorFraction, target.Precision.Error.Format, g.InputErrors32.Length) &&
                ScatterInputErrors(l, g, g.ActiveChannels.AsSpan(0, active), nonzeroPairs, errorMagnitude,
                    LaneNarrowing.Sums32Limit(errorFraction, target.Precision.Error.Format), AlwaysScatterErrors))
            {
                ScatteredErrorPasses++;
                LaneNarrowing.NarrowSums32(g.InputErrors32, errorFraction, target.Precision.Error, key, target.Error);
                return;
            }

            var pairBlock = PairKernels.BlockPairs(WeightMagnitude(l), errorMagnitude);
            var pairs = pairBlock > 0 ? PairChannels(g, l.Weights, g.ActiveChannels.AsSpan(0, active)) : 0;
            var transposed = g.TransposedWeights;
            if (pairBlock == 0)
            {
                for (var o = 0; o < g.OutChannels; o++)
                {
                    for (var tap = 0; tap < g.Taps; tap++)
                    {
                        transposed[(tap * g.OutChannels) + o] = l.Weights[(o * g.Taps) + tap];
                    }
                }
            }

            if (pairBlock > 0 && LaneNarrowing.NarrowsSums32(errorFraction, target.Precision.Error.Format, g.InputErrors32.Length) &&
                InputErrors32(g, pairs, errorMagnitude, LaneNarrowing.Sums32Limit(errorFraction, target.Precision.Error.Format)))
            {
                LaneNarrowing.NarrowSums32(g.InputErrors32, errorFraction, target.Precision.Error, key, target.Error);
                return;
            }

            padded.Clear();
            var block = ExactKernels.BlockTerms(WeightMagnitude(l), errorMagnitude);
            Span<int> coefficients = stackalloc int[g.ChannelPairs];
            for (var tap = 0; tap < g.Taps; tap++)
            {
                if (pairBlock > 0)
                {
                    for (var i = 0; i < pairs; i++)
                    {
                        coefficients[i] = g.PairedChannelWeights[(i * g.Taps) + tap];
                    }

                    PairKernels.AccumulateRows(coefficients[..pairs], g.PairedErrors,
                        g.PaddedPositions, g.PaddedPositions, output, pairBlock, overwrite: true);
                }
                else
                {
                    ExactKernels.AccumulateRows(transposed.AsSpan(tap * g.OutChannels, g.OutChannels), g.Errors, g.PaddedPositions,
                        g.PaddedPositions, output, block, overwrite: true);
                }

                FoldTap(g, tap, output, padded);
            }
        }
        else
        {
            padded.Clear();
        }

        var cropped = g.InputErrors.AsSpan();
        for (var ch = 0; ch < g.Channels; ch++)
        {
            for (var iy = 0; iy < g.Height; iy++)
            {
                padded.Slice((((ch * g.PaddedHeight) + iy + g.PadY) * g.PaddedWidth) + g.PadX, g.Width)
                    .CopyTo(cropped.Slice(((ch * g.Height) + iy) * g.Width, g.Width));
            }
        }

        var fraction = gf.FractionBits + l.Precision.Update.Format.FractionBits;
        LaneNarrowing.Narrow(cropped, fraction, target.Precision.Error, key, 0, target.Error);
    }

    // dE/dX in int32 lanes where every sum fits: each tap's row of Σ_o W·G formed in registers and added straight into
    // an int32 plane with the padding's border, then cropped into InputErrors32. Each input position takes each tap at
    // most once, so Σ over a channel's taps of Σ_pairs (|low| + |high|)·max|G| bounds its sums; where that reaches
    // `limit` (or the stride across is not one) it returns false and the caller takes the int64 path. Same sums, so
    // the same bits.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool InputErrors32(FixedConvGeometry g, int pairs, long errorMagnitude, long limit)
    {
        if (g.StrideX != 1)
        {
            return false;
        }

        var tapsPerChannel = g.KernelHeight * g.KernelWidth;
        for (var ch = 0; ch < g.Channels; ch++)
        {
            long bound = 0;
            for (var i = 0; i < pairs; i++)
            {
                bound += PairKernels.HalfMagnitudes(g.PairedChannelWeights.AsSpan((i * g.Taps) + (ch * tapsPerChannel), tapsPerChannel));
            }

            if (bound * errorMagnitude >= limit)
            {
                return false;
            }
        }

        var plane = g.PlaneSums32.AsSpan();
        plane.Clear();
        var row = g.TapRow32.AsSpan();
        var count = Vector<int>.Count;
        var width = g.OutWidth;
        var step = g.StrideY * g.PaddedWidth;
        ref var tapRow = ref MemoryMarshal.GetArrayDataReference(g.TapRow32);
        var lanes = Vector.AsVectorInt32(LaneDraws.Indices);
        for (var tap = 0; tap < g.Taps; tap++)
        {
            PairKernels.MultiplyRow32(g.PairedChannelWeights.AsSpan(tap), g.Taps, pairs, g.PairedErrors, g.PaddedPositions, g.PaddedPositions, row);

            // col2im: the row's position (oy, ox) adds to the plane at (oy·sy + r, ox + t) of the tap's channel. A vector
            // running past the output row adds zeros (masked) into the plane's slack or the next row.
            var t = tap % g.KernelWidth;
            var r = tap / g.KernelWidth % g.KernelHeight;
            var ch = tap / tapsPerChannel;
            ref var target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(g.PlaneSums32), (((ch * g.PaddedHeight) + r) * g.PaddedWidth) + t);
            for (var oy = 0; oy < g.OutHeight; oy++)
            {
                ref var source = ref Unsafe.Add(ref tapRow, oy * width);
                for (var ox = 0; ox < width; ox += count)
                {
                    var values = Vector.LoadUnsafe(ref source, (nuint)ox) & Vector.LessThan(lanes, new Vector<int>(width - ox));
                    (Vector.LoadUnsafe(ref target, (nuint)ox) + values).StoreUnsafe(ref target, (nuint)ox);
                }

                target = ref Unsafe.Add(ref target, step);
            }
        }

        var cropped = g.InputErrors32.AsSpan();
        for (var ch = 0; ch < g.Channels; ch++)
        {
            for (var iy = 0; iy < g.Height; iy++)
            {
                plane.Slice((((ch * g.PaddedHeight) + iy + g.PadY) * g.PaddedWidth) + g.PadX, g.Width)
                    .CopyTo(cropped.Slice(((ch * g.Height) + iy) * g.Width, g.Width));
            }
        }

        return true;
    }

    // The errors and the weights packed in pairs of the output channels whose errors are not all zero (the others add
    // nothing): [pair][position] and [pair][tap]; an odd last channel pairs with zero. Returns the number of pairs.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int PairChannels(FixedConvGeometry g, int[] weights, ReadOnlySpan<int> active)
    {
        PackChannelPairs(g.Errors, g.PaddedPositions, active, g.PairedErrors);
        PackChannelPairs(weights, g.Taps, active, g.PairedChannelWeights);
        return (active.Length + 1) / 2;
    }

    // target[i] = rows[active[2i]] and rows[active[2i + 1]] packed lane by lane (the last with zero where the active
    // channels are odd in number), each row `length` long.
    private static void PackChannelPairs(int[] rows, int length, ReadOnlySpan<int> active, int[] target)
    {
        for (var i = 0; i < (active.Length + 1) / 2; i++)
        {
            var low = rows.AsSpan(active[2 * i] * length, length);
            var pair = target.AsSpan(i * length, length);
            if ((2 * i) + 1 < active.Length)
            {
                PairKernels.Pack(low, rows.AsSpan(active[(2 * i) + 1] * length, length), pair);
            }
            else
            {
                PairKernels.PackLow(low, pair);
            }
        }
    }

    // One pass over a channel's errors: copied as they are and as 16-bit values (the padding columns after them stay
    // zero), their largest magnitude returned and their sum (the bias gradient) put out.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long CopyErrors(ReadOnlySpan<int> source, Span<int> target, Span<short> target16, out long sum, out int pairs)
    {
        var count = Vector<int>.Count;
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(target);
        ref var to16 = ref MemoryMarshal.GetReference(target16);
        var peak = Vector<int>.Zero;
        var total = Vector<long>.Zero;
        var zeroPairs = Vector<int>.Zero;
        var i = 0;
        for (; i <= source.Length - (2 * count); i += 2 * count)
        {
            var low = Vector.LoadUnsafe(ref from, (nuint)i);
            var high = Vector.LoadUnsafe(ref from, (nuint)(i + count));
            low.StoreUnsafe(ref to, (nuint)i);
            high.StoreUnsafe(ref to, (nuint)(i + count));
            var narrow = Vector.Narrow(low, high);
            narrow.StoreUnsafe(ref to16, (nuint)i);
            zeroPairs += Vector.Equals(Vector.AsVectorInt32(narrow), Vector<int>.Zero); // −1 per pair of zeros
            peak = Vector.Max(peak, Vector.Max(Vector.Abs(low), Vector.Abs(high)));
            Vector.Widen(low + high, out var a, out var b);
            total += a + b;
        }

        sum = Vector.Sum(total);
        pairs = (i / 2) + Vector.Sum(zeroPairs);
        long magnitude = Peak(peak);
        for (; i < source.Length; i++)
        {
            target[i] = source[i];
            target16[i] = (short)source[i];
            sum += source[i];
            magnitude = Math.Max(magnitude, Math.Abs((long)source[i]));
            if (i % 2 == 0 ? source[i] != 0 || (i + 1 < source.Length && source[i + 1] != 0) : false)
            {
                pairs++;
            }
        }

        return magnitude;
    }

    // col2im for one tap: its row of errors added into the padded input where that tap's window read, while the row
    // is still in the cache.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FoldTap(FixedConvGeometry g, int tap, ReadOnlySpan<long> tapRow, Span<long> padded)
    {
        var t = tap % g.KernelWidth;
        var r = tap / g.KernelWidth % g.KernelHeight;
        var ch = tap / (g.KernelWidth * g.KernelHeight);
        var count = Vector<long>.Count;
        var width = g.OutWidth;
        var step = g.StrideY * g.PaddedWidth;
        ref var source = ref MemoryMarshal.GetReference(tapRow);
        ref var target = ref Unsafe.Add(ref MemoryMarshal.GetReference(padded), (((ch * g.PaddedHeight) + r) * g.PaddedWidth) + t);
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            if (g.StrideX == 1)
            {
                var ox = 0;
                for (; ox <= width - count; ox += count)
                {
                    (Vector.LoadUnsafe(ref target, (nuint)ox) + Vector.LoadUnsafe(ref source, (nuint)ox)).StoreUnsafe(ref target, (nuint)ox);
                }

                for (; ox < width; ox++)
                {
                    Unsafe.Add(ref target, ox) += Unsafe.Add(ref source, ox);
                }
            }
            else
            {
                for (var ox = 0; ox < width; ox++)
                {
                    Unsafe.Add(ref target, ox * g.StrideX) += Unsafe.Add(ref source, ox);
                }
            }

            source = ref Unsafe.Add(ref source, width);
            target = ref Unsafe.Add(ref target, step);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DenseForwardVector(FixedLayer l, int[] x, FixedFormat xf, ulong key)
    {
        var (fraction, productShift, biasShift) = Alignment(l, xf);
        var block = ExactKernels.BlockTerms(WeightMagnitude(l), ExactKernels.MaxMagnitude(x));
        var row = sums.AsSpan(0, l.Output.Length);
        row.Clear();
        if (x.Length % Vector<int>.Count == 0)
        {
            ExactKernels.DotRows(x, l.Weights, x.Length, row, block);
        }
        else
        {
            for (var m = 0; m < row.Length; m++)
            {
                row[m] = ExactKernels.Dot(l.Weights.AsSpan(m * x.Length, x.Length), x, block);
            }
        }

        for (var m = 0; m < row.Length; m++)
        {
            row[m] = (row[m] << productShift) + (l.Bias.Length > 0 ? (long)l.Bias[m] << biasShift : 0);
        }

        LaneNarrowing.Narrow(row, fraction, l.Precision.Forward, key, 0, l.Output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DenseBackwardVector(FixedLayer l, int[] x, FixedFormat xf, FixedLayer? target, ulong key, bool fused)
    {
        var g = l.Error;
        var gf = l.Precision.Error.Format;
        l.GradientFraction = gf.FractionBits + xf.FractionBits;
        for (var m = 0; m < g.Length && l.BiasSums.Length > 0; m++)
        {
            l.BiasSums[m] += g[m];
        }

        // At batch 1 the update forms G·Xᵀ itself, straight from these buffers (see UpdateDenseFromProducts).
        if (!fused)
        {
            for (var m = 0; m < g.Length; m++)
            {
                if (g[m] != 0)
                {
                    AddProducts(l.WeightSums.AsSpan(m * x.Length, x.Length), g[m], x);
                }
            }
        }

        if (target is null)
        {
            return;
        }

        var errorMagnitude = ExactKernels.MaxMagnitude(g);
        var dx = sums.AsSpan(0, x.Length);
        if (errorMagnitude > 0)
        {
            var block = ExactKernels.BlockTerms(WeightMagnitude(l), errorMagnitude);
            ExactKernels.AccumulateRows(g, l.Weights, x.Length, x.Length, dx, block, overwrite: true);
        }
        else
        {
            dx.Clear();
        }

        LaneNarrowing.Narrow(dx, l.Precision.Update.Format.FractionBits + gf.FractionBits, target.Precision.Error, key, 0, target.Error);
    }

    // Adds the pending G·Xᵀ of the batch-1 dense layers to their gradient sums, so that their update reads the sums.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MaterialiseProducts()
    {
        if (!productsPending)
        {
            return;
        }

        for (var i = 0; i < layers.Length; i++)
        {
            if (!fusedUpdate[i])
            {
                continue;
            }

            var l = layers[i];
            var x = InputOf(i);
            for (var m = 0; m < l.Error.Length; m++)
            {
                if (l.Error[m] != 0)
                {
                    AddProducts(l.WeightSums.AsSpan(m * x.Length, x.Length), l.Error[m], x);
                }
            }
        }

        productsPending = false;
        productsMaterialised = true;
    }

    // sums[n] += g·x[n], exact: the product of two 16-bit values fits an int32.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddProducts(Span<long> output, int g, ReadOnlySpan<int> x)
    {
        var count = Vector<int>.Count;
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var target = ref MemoryMarshal.GetReference(output);
        var factor = new Vector<int>(g);
        var half = (nuint)Vector<long>.Count;
        var n = 0;
        for (; n <= x.Length - count; n += count)
        {
            Vector.Widen(factor * Vector.LoadUnsafe(ref source, (nuint)n), out var low, out var high);
            (Vector.LoadUnsafe(ref target, (nuint)n) + low).StoreUnsafe(ref target, (nuint)n);
            (Vector.LoadUnsafe(ref target, (nuint)n + half) + high).StoreUnsafe(ref target, (nuint)n + half);
        }

        for (; n < x.Length; n++)
        {
            output[n] += (long)g * x[n];
        }
    }

    /// <summary>The shifts of W − (α/B)·dW aligned to a common fraction, or null where 64-bit lanes could overflow.</summary>
    private static UpdateShifts? VectorUpdateShifts(FixedLayer l, int sumFraction, long rateRaw, int rateFraction)
    {
        var gradient = l.Precision.WeightGradient;
        var update = l.Precision.Update;
        var weightFraction = update.Format.FractionBits;
        var stepFraction = rateFraction + gradient.Format.FractionBits;
        var fraction = Math.Max(weightFraction, stepFraction);
        var gradientNarrower = new LaneNarrower(sumFraction, gradient.Format, gradient.Rounding);
        var updateNarrower = new LaneNarrower(fraction, update.Format, update.Rounding);
        var weightShift = fraction - weightFraction;
        var stepShift = fraction - stepFraction;

        // |W| < 2^15 and |α/B·dW| < 2^31: both terms and their difference stay below 2^62 after the shifts.
        var fits = Math.Abs(rateRaw) < (1L << 16) && weightShift <= 46 && stepShift <= 30;
        return fits && gradientNarrower.IsVectorisable && updateNarrower.IsVectorisable
            ? new UpdateShifts(gradientNarrower, updateNarrower, weightShift, stepShift)
            : null;
    }

    // W − (α/B)·dW for every parameter from its exact gradient sum (the weights' or the biases'), then the sums
    // cleared; returns the largest magnitude written.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long UpdateFromSums(FixedLayer l, Span<int> parameters, Span<long> sumsSpan, int sumFraction, UpdateShifts shifts, long rateRaw, bool bias)
    {
        var gradientKey = RoundingStreams.Gradient(random, updateStep, l.Layer.Index, bias);
        var updateKey = RoundingStreams.Parameters(random, updateStep, l.Layer.Index, bias);
        var gradientFormat = l.Precision.WeightGradient.Format;
        var updateFormat = l.Precision.Update.Format;
        var gradientShift = sumFraction - gradientFormat.FractionBits;
        if (shifts.StepShift == 0 && parameters.Length >= Vector<int>.Count &&
            LaneUpdate.Fits(gradientShift, gradientFormat, shifts.WeightShift, updateFormat, rateRaw, fromSums: true))
        {
            // In int32 lanes (the sums narrowed in 64-bit ones), as the batch-1 dense update.
            var written = new LaneUpdate(gradientShift, gradientFormat, shifts.WeightShift, updateFormat, rateRaw, gradientKey, updateKey)
                .FromSums(parameters, sumsSpan, l.Precision.WeightGradient.Rounding, l.Precision.Update.Rounding);
            sumsSpan.Clear();
            return Peak(written);
        }

        var counter = LaneDraws.Start(0);
        var step = LaneDraws.Step;
        ref var weights = ref MemoryMarshal.GetReference(parameters);
        ref var source = ref MemoryMarshal.GetReference(sumsSpan);
        var count = Vector<int>.Count;
        var half = (nuint)Vector<long>.Count;
        var rate = new Vector<long>(rateRaw);
        var peak = Vector<int>.Zero;
        var i = 0;
        for (; i <= parameters.Length - count; i += count)
        {
            Vector.Widen(Vector.LoadUnsafe(ref weights, (nuint)i), out var w0, out var w1);
            var s0 = Vector.LoadUnsafe(ref source, (nuint)i);
            var s1 = Vector.LoadUnsafe(ref source, (nuint)i + half);
            shifts.Draws(counter, gradientKey, updateKey, out var g0, out var g1, out var u0, out var u1);
            counter += step;
            var updated = Vector.Narrow(shifts.Apply(w0, s0, rate, g0, u0), shifts.Apply(w1, s1, rate, g1, u1));
            peak = Vector.Max(peak, Vector.Abs(updated));
            updated.StoreUnsafe(ref weights, (nuint)i);
        }

        UpdateTail(l, parameters, sumsSpan, i, shifts, rateRaw, sumFraction, bias);
        sumsSpan.Clear();
        return Math.Max(Peak(peak), Peak(parameters[i..]));
    }

    // The largest lane of a vector of magnitudes (each at most 2^15 here).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Peak(Vector<int> magnitudes)
    {
        var result = 0;
        for (var lane = 0; lane < Vector<int>.Count; lane++)
        {
            result = Math.Max(result, magnitudes[lane]);
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Peak(ReadOnlySpan<int> values)
    {
        long result = 0;
        foreach (var value in values)
        {
            result = Math.Max(result, Math.Abs((long)value));
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateDenseFromProducts(FixedLayer l, int[] x, UpdateShifts shifts, long rateRaw)
    {
        var gradientKey = RoundingStreams.Gradient(random, updateStep, l.Layer.Index, false);
        var updateKey = RoundingStreams.Parameters(random, updateStep, l.Layer.Index, false);
        var count = Vector<int>.Count;
        var step = LaneDraws.Step;
        var tail = sums.AsSpan(0, x.Length);
        // The rows skipped below keep their weights, so the bound before the update and the largest magnitude written
        // bound the weights after it (blocks sized from a bound above the true largest are just as exact).
        var magnitude = WeightMagnitude(l);

        // In int32 lanes when the step needs no alignment of its own (α·dW is already at the sum's fraction) and every
        // term fits (LaneUpdate).
        var gradientFormat = l.Precision.WeightGradient.Format;
        var gradientShift = l.GradientFraction - gradientFormat.FractionBits;
        var updateFormat = l.Precision.Update.Format;
        if (shifts.StepShift == 0 && x.Length >= count && LaneUpdate.Fits(gradientShift, gradientFormat, shifts.WeightShift, updateFormat, rateRaw, fromSums: false))
        {
            var kernel = new LaneUpdate(gradientShift, gradientFormat, shifts.WeightShift, updateFormat, rateRaw, gradientKey, updateKey);
            var written = kernel.Rows(l.Weights, l.Error, x, l.Precision.WeightGradient.Rounding, l.Precision.Update.Rounding);
            l.WeightMagnitude = Math.Max(magnitude, Peak(written));
            return;
        }

        var rate = new Vector<long>(rateRaw);
        var peak = Vector<int>.Zero;
        for (var m = 0; m < l.Error.Length; m++)
        {
            var g = l.Error[m];
            if (g == 0)
            {
                continue; // a zero gradient leaves the row's weights exactly as they are
            }

            var first = (long)m * x.Length;
            var counter = LaneDraws.Start(first);
            var row = l.Weights.AsSpan(m * x.Length, x.Length);
            ref var weights = ref MemoryMarshal.GetReference(row);
            ref var source = ref MemoryMarshal.GetReference(x.AsSpan());
            var factor = new Vector<int>(g);
            var n = 0;
            for (; n <= x.Length - count; n += count)
            {
                Vector.Widen(Vector.LoadUnsafe(ref weights, (nuint)n), out var w0, out var w1);
                Vector.Widen(factor * Vector.LoadUnsafe(ref source, (nuint)n), out var s0, out var s1);
                shifts.Draws(counter, gradientKey, updateKey, out var g0, out var g1, out var u0, out var u1);
                var w = Vector.Narrow(shifts.Apply(w0, s0, rate, g0, u0), shifts.Apply(w1, s1, rate, g1, u1));
                peak = Vector.Max(peak, Vector.Abs(w));
                w.StoreUnsafe(ref weights, (nuint)n);
                counter += step;
            }

            for (var k = n; k < x.Length; k++)
            {
                tail[k] = (long)g * x[k];
            }

            UpdateTail(l, row, tail, n, shifts, rateRaw, l.GradientFraction, bias: false, first);
            magnitude = Math.Max(magnitude, Peak(row[n..]));
        }

        l.WeightMagnitude = Math.Max(magnitude, Peak(peak));
    }

    // The elements after the last whole vector, through the scalar narrowing with the same draws.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateTail(FixedLayer l, Span<int> parameters, ReadOnlySpan<long> sumsSpan, int from, UpdateShifts shifts, long rateRaw, int sumFraction, bool bias, long first = 0)
    {
        var gradient = l.Precision.WeightGradient;
        var update = l.Precision.Update;
        var gradientKey = RoundingStreams.Gradient(random, updateStep, l.Layer.Index, bias);
        var updateKey = RoundingStreams.Parameters(random, updateStep, l.Layer.Index, bias);
        for (var i = from; i < parameters.Length; i++)
        {
            var dw = Narrow(sumsSpan[i], sumFraction, gradient, gradientKey, first + i);
            var value = ((long)parameters[i] << shifts.WeightShift) - ((rateRaw * dw) << shifts.StepShift);
            parameters[i] = Narrow(value, shifts.Fraction(l), update, updateKey, first + i);
        }
    }

    /// <summary>The two narrowings and the alignment of one SGD update, for 64-bit lanes.</summary>
    private readonly record struct UpdateShifts(LaneNarrower Gradient, LaneNarrower Update, int WeightShift, int StepShift)
    {
        public int Fraction(FixedLayer l) => l.Precision.Update.Format.FractionBits + WeightShift;

        /// <summary>The draws of the two narrowings for the 32-bit lanes of <paramref name="counter"/>, split for 64-bit lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Draws(Vector<uint> counter, ulong gradientKey, ulong updateKey,
            out Vector<ulong> gradientLow, out Vector<ulong> gradientHigh, out Vector<ulong> updateLow, out Vector<ulong> updateHigh)
        {
            gradientLow = gradientHigh = updateLow = updateHigh = default;
            if (Gradient.Stochastic)
            {
                LaneDraws.Wide(counter, gradientKey, Gradient.NeedsLowHalves, out gradientLow, out gradientHigh);
            }

            if (Update.Stochastic)
            {
                LaneDraws.Wide(counter, updateKey, Update.NeedsLowHalves, out updateLow, out updateHigh);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<long> Apply(Vector<long> weights, Vector<long> sums, Vector<long> rate, Vector<ulong> gradientBits, Vector<ulong> updateBits)
        {
            var dw = Gradient.Apply(sums, gradientBits);
            var value = Vector.ShiftLeft(weights, WeightShift) - Vector.ShiftLeft(rate * dw, StepShift);
            return Update.Apply(value, updateBits);
        }
    }
}
