using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Training;

internal static partial class FloatKernels
{
    /// <summary>The output channels one pass of <see cref="ConvolveRows"/> computes together.</summary>
    private const int RowChannels = 6;

    /// <summary>The kernel rows one pass of <see cref="AddWindowGradients"/> keeps in registers.</summary>
    private const int WindowRows = 8;

    /// <summary>
    /// A convolution's forward pass straight from the padded input into its output, [channels, positions]:
    /// output[m, p] = bias[m] + Σ_k patch(p)[k] · weights[m, k], the sum taken in order of k (channel, kernel row, kernel
    /// column) with one fused multiply-add each, as <see cref="MultiplyWindows"/> takes it, so the two give the same
    /// bits. The vector path takes 8 neighbouring positions of an output row at a time (rows of 8 or more, stride 1
    /// across); <paramref name="bias"/> may be empty.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ConvolveRows(ReadOnlySpan<float> padded, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, FloatConvolutionShape shape, bool vector)
    {
        var positions = shape.Positions;
        var channels = output.Length / Math.Max(positions, 1);
        if (padded.Length < shape.PaddedElements || output.Length != channels * positions || weights.Length != channels * shape.Depth
            || (bias.Length != 0 && bias.Length != channels))
        {
            throw new ArgumentException("The input, weights, bias and output do not fit the convolution.", nameof(output));
        }

        if (!(vector && IsVectorised && shape.StrideWidth == 1 && shape.OutputWidth >= Lanes) || channels == 0)
        {
            ConvolveRowsScalar(padded, weights, bias, output, shape);
            return;
        }

        ref var source = ref MemoryMarshal.GetReference(padded);
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var o = ref MemoryMarshal.GetReference(output);
        var depth = shape.Depth;
        var width = shape.OutputWidth;
        Span<int> channel = stackalloc int[RowChannels];
        Span<float> start = stackalloc float[RowChannels];
        for (var m0 = 0; m0 < channels; m0 += RowChannels)
        {
            // A last group with fewer channels repeats the last one: it computes the same values and stores them again.
            for (var i = 0; i < RowChannels; i++)
            {
                channel[i] = Math.Min(m0 + i, channels - 1);
                start[i] = bias.IsEmpty ? 0 : bias[channel[i]];
            }

            for (var oy = 0; oy < shape.OutputHeight; oy++)
            {
                ref var row = ref Unsafe.Add(ref source, oy * shape.StrideHeight * shape.PaddedWidth);
                for (var ox = 0; ox < width; ox += 2 * Lanes)
                {
                    // Blocks past the row's end move back to end with it: they overlap the block before and write the same values.
                    int first = Math.Min(ox, width - Lanes), second = Math.Min(ox + Lanes, width - Lanes);
                    ConvolveSixByTwo(ref Unsafe.Add(ref row, first), second - first, ref w, channel, start, shape, ref Unsafe.Add(ref o, (oy * width) + first), positions);
                }
            }
        }
    }

    /// <summary>The scalar twin of <see cref="ConvolveRows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ConvolveRowsScalar(ReadOnlySpan<float> padded, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, FloatConvolutionShape shape)
    {
        var positions = shape.Positions;
        var channels = output.Length / Math.Max(positions, 1);
        var plane = shape.PaddedHeight * shape.PaddedWidth;
        for (var m = 0; m < channels; m++)
        {
            var filter = weights.Slice(m * shape.Depth, shape.Depth);
            for (var oy = 0; oy < shape.OutputHeight; oy++)
            {
                for (var ox = 0; ox < shape.OutputWidth; ox++)
                {
                    var sum = bias.IsEmpty ? 0 : bias[m];
                    var k = 0;
                    for (var ch = 0; ch < shape.Channels; ch++)
                    {
                        for (var r = 0; r < shape.KernelHeight; r++)
                        {
                            var from = (ch * plane) + (((oy * shape.StrideHeight) + r) * shape.PaddedWidth) + (ox * shape.StrideWidth);
                            for (var s = 0; s < shape.KernelWidth; s++)
                            {
                                sum = MathF.FusedMultiplyAdd(padded[from + s], filter[k++], sum);
                            }
                        }
                    }

                    output[(m * positions) + (oy * shape.OutputWidth) + ox] = sum;
                }
            }
        }
    }

    /// <summary>
    /// Adds one output channel's weight gradient to <paramref name="target"/> (its depth weights): target[k] +=
    /// values[e] · patch(positions[e])[k] for every entry e in order (of position, as <see cref="Compact"/> lists them), one fused multiply-add each, the patches read
    /// straight from the padded input (position p's window starts at <paramref name="origins"/>[p]). The same sums as
    /// <see cref="AddScaledRows"/> over gathered patches, without gathering them. The vector path holds 8 kernel rows
    /// (up to 8 wide) in registers while it runs through the entries, and reads up to 8 past the padded input's end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddWindowGradients(ReadOnlySpan<float> values, ReadOnlySpan<int> positions, ReadOnlySpan<float> padded, ReadOnlySpan<int> origins, Span<float> target, FloatConvolutionShape shape, bool vector)
    {
        if (positions.Length < values.Length || target.Length != shape.Depth || origins.Length != shape.Positions || padded.Length < shape.PaddedElements + Lanes)
        {
            throw new ArgumentException("The entries, the padded input (with the vector path's slack) and the target do not fit the convolution.", nameof(target));
        }

        // The entries come in order of position, as Compact lists them: the last one bounds them all.
        for (var e = 1; e < values.Length; e++)
        {
            if (positions[e] < positions[e - 1])
            {
                throw new ArgumentException("The entries are not in order of position.", nameof(positions));
            }
        }

        if (!values.IsEmpty && ((uint)positions[0] >= (uint)origins.Length || (uint)positions[values.Length - 1] >= (uint)origins.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(positions), "A position is outside the output.");
        }

        if (!(vector && IsVectorised && shape.KernelWidth <= Lanes) || values.IsEmpty)
        {
            AddWindowGradientsScalar(values, positions, padded, origins, target, shape);
            return;
        }

        var kw = shape.KernelWidth;
        var rows = shape.Channels * shape.KernelHeight;
        var plane = shape.PaddedHeight * shape.PaddedWidth;
        Span<float> block = stackalloc float[WindowRows * Lanes];
        Span<int> offsets = stackalloc int[WindowRows];
        Span<int> rowOffsets = rows <= 256 ? stackalloc int[rows] : new int[rows];
        for (int ch = 0, j = 0; ch < shape.Channels; ch++)
        {
            for (var r = 0; r < shape.KernelHeight; r++)
            {
                rowOffsets[j++] = (ch * plane) + (r * shape.PaddedWidth);
            }
        }

        ref var t = ref MemoryMarshal.GetReference(target);
        ref var a = ref MemoryMarshal.GetReference(block);
        for (var j0 = 0; j0 < rows; j0 += WindowRows)
        {
            // A last block with fewer kernel rows repeats the last one: it sums the same values and writes them again.
            for (var i = 0; i < WindowRows; i++)
            {
                var j = Math.Min(j0 + i, rows - 1);
                offsets[i] = rowOffsets[j];
                for (var s = 0; s < kw; s++)
                {
                    Unsafe.Add(ref a, (i * Lanes) + s) = Unsafe.Add(ref t, (j * kw) + s);
                }
            }

            SumWindowRows(values, positions, padded, origins, offsets, block);
            for (var i = 0; i < WindowRows; i++)
            {
                var j = Math.Min(j0 + i, rows - 1);
                for (var s = 0; s < kw; s++)
                {
                    Unsafe.Add(ref t, (j * kw) + s) = Unsafe.Add(ref a, (i * Lanes) + s);
                }
            }
        }
    }

    /// <summary>The scalar twin of <see cref="AddWindowGradients"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddWindowGradientsScalar(ReadOnlySpan<float> values, ReadOnlySpan<int> positions, ReadOnlySpan<float> padded, ReadOnlySpan<int> origins, Span<float> target, FloatConvolutionShape shape)
    {
        var plane = shape.PaddedHeight * shape.PaddedWidth;
        for (var e = 0; e < values.Length; e++)
        {
            var origin = origins[positions[e]];
            var k = 0;
            for (var ch = 0; ch < shape.Channels; ch++)
            {
                for (var r = 0; r < shape.KernelHeight; r++)
                {
                    var from = origin + (ch * plane) + (r * shape.PaddedWidth);
                    for (var s = 0; s < shape.KernelWidth; s++, k++)
                    {
                        target[k] = MathF.FusedMultiplyAdd(values[e], padded[from + s], target[k]);
                    }
                }
            }
        }
    }

    /// <summary>Where each output position's window starts in the padded input.</summary>
    public static void PatchOrigins(FloatConvolutionShape shape, Span<int> origins)
    {
        for (var oy = 0; oy < shape.OutputHeight; oy++)
        {
            for (var ox = 0; ox < shape.OutputWidth; ox++)
            {
                origins[(oy * shape.OutputWidth) + ox] = (oy * shape.StrideHeight * shape.PaddedWidth) + (ox * shape.StrideWidth);
            }
        }
    }

    /// <summary>
    /// Six channels by two blocks of 8 positions (<paramref name="apart"/> floats apart in the row) of one output row:
    /// twelve sums in registers over the whole depth.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ConvolveSixByTwo(ref float window, int apart, ref float weights, ReadOnlySpan<int> channel, ReadOnlySpan<float> start, FloatConvolutionShape shape, ref float output, int positions)
    {
        var depth = shape.Depth;
        ref var w0 = ref Unsafe.Add(ref weights, channel[0] * depth);
        ref var w1 = ref Unsafe.Add(ref weights, channel[1] * depth);
        ref var w2 = ref Unsafe.Add(ref weights, channel[2] * depth);
        ref var w3 = ref Unsafe.Add(ref weights, channel[3] * depth);
        ref var w4 = ref Unsafe.Add(ref weights, channel[4] * depth);
        ref var w5 = ref Unsafe.Add(ref weights, channel[5] * depth);
        Vector256<float> c00 = Vector256.Create(start[0]), c10 = Vector256.Create(start[1]), c20 = Vector256.Create(start[2]);
        Vector256<float> c30 = Vector256.Create(start[3]), c40 = Vector256.Create(start[4]), c50 = Vector256.Create(start[5]);
        Vector256<float> c01 = c00, c11 = c10, c21 = c20, c31 = c30, c41 = c40, c51 = c50;
        var plane = shape.PaddedHeight * shape.PaddedWidth;
        var kw = shape.KernelWidth;
        var second = (nuint)apart;
        nuint k = 0;
        for (var ch = 0; ch < shape.Channels; ch++)
        {
            for (var r = 0; r < shape.KernelHeight; r++)
            {
                ref var from = ref Unsafe.Add(ref window, (ch * plane) + (r * shape.PaddedWidth));
                for (var s = 0; s < kw; s++, k++)
                {
                    var x0 = Vector256.LoadUnsafe(ref from, (nuint)s);
                    var x1 = Vector256.LoadUnsafe(ref from, (nuint)s + second);
                    var b = Vector256.Create(Unsafe.Add(ref w0, k));
                    c00 = Fma.MultiplyAdd(x0, b, c00);
                    c01 = Fma.MultiplyAdd(x1, b, c01);
                    b = Vector256.Create(Unsafe.Add(ref w1, k));
                    c10 = Fma.MultiplyAdd(x0, b, c10);
                    c11 = Fma.MultiplyAdd(x1, b, c11);
                    b = Vector256.Create(Unsafe.Add(ref w2, k));
                    c20 = Fma.MultiplyAdd(x0, b, c20);
                    c21 = Fma.MultiplyAdd(x1, b, c21);
                    b = Vector256.Create(Unsafe.Add(ref w3, k));
                    c30 = Fma.MultiplyAdd(x0, b, c30);
                    c31 = Fma.MultiplyAdd(x1, b, c31);
                    b = Vector256.Create(Unsafe.Add(ref w4, k));
                    c40 = Fma.MultiplyAdd(x0, b, c40);
                    c41 = Fma.MultiplyAdd(x1, b, c41);
                    b = Vector256.Create(Unsafe.Add(ref w5, k));
                    c50 = Fma.MultiplyAdd(x0, b, c50);
                    c51 = Fma.MultiplyAdd(x1, b, c51);
                }
            }
        }

        var p = (nuint)positions;
        c00.StoreUnsafe(ref output, (nuint)channel[0] * p);
        c01.StoreUnsafe(ref output, ((nuint)channel[0] * p) + second);
        c10.StoreUnsafe(ref output, (nuint)channel[1] * p);
        c11.StoreUnsafe(ref output, ((nuint)channel[1] * p) + second);
        c20.StoreUnsafe(ref output, (nuint)channel[2] * p);
        c21.StoreUnsafe(ref output, ((nuint)channel[2] * p) + second);
        c30.StoreUnsafe(ref output, (nuint)channel[3] * p);
        c31.StoreUnsafe(ref output, ((nuint)channel[3] * p) + second);
        c40.StoreUnsafe(ref output, (nuint)channel[4] * p);
        c41.StoreUnsafe(ref output, ((nuint)channel[4] * p) + second);
        c50.StoreUnsafe(ref output, (nuint)channel[5] * p);
        c51.StoreUnsafe(ref output, ((nuint)channel[5] * p) + second);
    }

    /// <summary>Eight kernel rows' gradients, in <paramref name="block"/> (8 floats each), summed over every entry in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumWindowRows(ReadOnlySpan<float> values, ReadOnlySpan<int> positions, ReadOnlySpan<float> padded, ReadOnlySpan<int> origins, ReadOnlySpan<int> offsets, Span<float> block)
    {
        ref var acc = ref MemoryMarshal.GetReference(block);
        var a0 = Vector256.LoadUnsafe(ref acc, 0 * Lanes);
        var a1 = Vector256.LoadUnsafe(ref acc, 1 * Lanes);
        var a2 = Vector256.LoadUnsafe(ref acc, 2 * Lanes);
        var a3 = Vector256.LoadUnsafe(ref acc, 3 * Lanes);
        var a4 = Vector256.LoadUnsafe(ref acc, 4 * Lanes);
        var a5 = Vector256.LoadUnsafe(ref acc, 5 * Lanes);
        var a6 = Vector256.LoadUnsafe(ref acc, 6 * Lanes);
        var a7 = Vector256.LoadUnsafe(ref acc, 7 * Lanes);
        ref var input = ref MemoryMarshal.GetReference(padded);
        ref var origin = ref MemoryMarshal.GetReference(origins);
        ref var position = ref MemoryMarshal.GetReference(positions);
        ref var value = ref MemoryMarshal.GetReference(values);
        nuint o0 = (nuint)offsets[0], o1 = (nuint)offsets[1], o2 = (nuint)offsets[2], o3 = (nuint)offsets[3];
        nuint o4 = (nuint)offsets[4], o5 = (nuint)offsets[5], o6 = (nuint)offsets[6], o7 = (nuint)offsets[7];
        for (var e = 0; e < values.Length; e++)
        {
            ref var window = ref Unsafe.Add(ref input, Unsafe.Add(ref origin, Unsafe.Add(ref position, e)));
            var v = Vector256.Create(Unsafe.Add(ref value, e));
            a0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref window, o0), a0);
            a1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref window, o1), a1);
            a2 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref window, o2), a2);
            a3 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref window, o3), a3);
            a4 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref window, o4), a4);
            a5 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref window, o5), a5);
            a6 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref window, o6), a6);
            a7 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref window, o7), a7);
        }

        a0.StoreUnsafe(ref acc, 0 * Lanes);
        a1.StoreUnsafe(ref acc, 1 * Lanes);
        a2.StoreUnsafe(ref acc, 2 * Lanes);
        a3.StoreUnsafe(ref acc, 3 * Lanes);
        a4.StoreUnsafe(ref acc, 4 * Lanes);
        a5.StoreUnsafe(ref acc, 5 * Lanes);
        a6.StoreUnsafe(ref acc, 6 * Lanes);
        a7.StoreUnsafe(ref acc, 7 * Lanes);
    }
}
