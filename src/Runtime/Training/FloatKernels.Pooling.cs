using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TaxoNN.Runtime.Training;

internal static partial class FloatKernels
{
    /// <summary>
    /// Max or average pooling over the padded input: its padding holds −∞ for max pooling (never taken; a window of
    /// padding alone gives 0 and argmax −1) and 0 for average pooling (which divides by the whole window, as PyTorch's
    /// count_include_pad). The argmax is the index into the unpadded input of the first largest value in window order.
    /// </summary>
    /// <remarks><paramref name="windows"/> is what <see cref="PoolWindows"/> fills: the vector path reads each lane's window through it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pool(ReadOnlySpan<float> padded, Span<float> output, Span<int> argMax, ReadOnlySpan<int> windows, FloatConvolutionShape shape, (int Height, int Width) padding, bool average, bool vector)
    {
        if (padded.Length < shape.PaddedElements || output.Length != shape.Channels * shape.Positions || (!average && argMax.Length != output.Length)
            || windows.Length != 2 * output.Length)
        {
            throw new ArgumentException("The pooling buffers do not fit the shape.", nameof(output));
        }

        if (!(vector && IsVectorised && output.Length >= Lanes))
        {
            PoolScalar(padded, output, argMax, shape, padding, average);
            return;
        }

        // Eight outputs at a time, whatever their rows: each lane loads its own window's values.
        ref var source = ref MemoryMarshal.GetReference(padded);
        ref var window = ref MemoryMarshal.GetReference(windows);
        var width = shape.PaddedWidth - (2 * padding.Width);
        var share = (float)(shape.KernelHeight * shape.KernelWidth);
        var count = output.Length;
        for (var o = 0; o < count; o += Lanes)
        {
            // The last block overlaps the one before rather than leaving a tail; it writes the same values again.
            o = Math.Min(o, count - Lanes);
            ref var origin = ref Unsafe.Add(ref window, o);
            var best = Vector256.Create(float.NegativeInfinity);
            var sum = Vector256<float>.Zero;
            var where = Vector256.Create(-1);
            var first = Vector256.LoadUnsafe(ref window, (nuint)(count + o));
            for (var r = 0; r < shape.KernelHeight; r++)
            {
                for (var s = 0; s < shape.KernelWidth; s++)
                {
                    var at = (r * shape.PaddedWidth) + s;
                    var v = Vector256.Create(
                        Unsafe.Add(ref source, Unsafe.Add(ref origin, 0) + at),
                        Unsafe.Add(ref source, Unsafe.Add(ref origin, 1) + at),
                        Unsafe.Add(ref source, Unsafe.Add(ref origin, 2) + at),
                        Unsafe.Add(ref source, Unsafe.Add(ref origin, 3) + at),
                        Unsafe.Add(ref source, Unsafe.Add(ref origin, 4) + at),
                        Unsafe.Add(ref source, Unsafe.Add(ref origin, 5) + at),
                        Unsafe.Add(ref source, Unsafe.Add(ref origin, 6) + at),
                        Unsafe.Add(ref source, Unsafe.Add(ref origin, 7) + at));
                    if (average)
                    {
                        sum += v;
                    }
                    else
                    {
                        var greater = Vector256.GreaterThan(v, best);
                        best = Vector256.ConditionalSelect(greater, v, best);
                        where = Vector256.ConditionalSelect(greater.AsInt32(), first + Vector256.Create((r * width) + s), where);
                    }
                }
            }

            if (average)
            {
                (sum / share).StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)o);
            }
            else
            {
                Vector256.ConditionalSelect(Vector256.Equals(where, Vector256.Create(-1)).AsSingle(), Vector256<float>.Zero, best)
                    .StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)o);
                where.StoreUnsafe(ref MemoryMarshal.GetReference(argMax), (nuint)o);
            }
        }
    }

    /// <summary>
    /// For each output of a pooling, the offset of its window's first value in the padded input, then (from index
    /// outputs on) the index that value would have in the unpadded input.
    /// </summary>
    public static void PoolWindows(FloatConvolutionShape shape, (int Height, int Width) padding, Span<int> windows)
    {
        int height = shape.PaddedHeight - (2 * padding.Height), width = shape.PaddedWidth - (2 * padding.Width);
        var count = shape.Channels * shape.Positions;
        var o = 0;
        for (var ch = 0; ch < shape.Channels; ch++)
        {
            for (var oy = 0; oy < shape.OutputHeight; oy++)
            {
                for (var ox = 0; ox < shape.OutputWidth; ox++, o++)
                {
                    windows[o] = (((ch * shape.PaddedHeight) + (oy * shape.StrideHeight)) * shape.PaddedWidth) + (ox * shape.StrideWidth);
                    windows[count + o] = (((ch * height) + (oy * shape.StrideHeight) - padding.Height) * width) + (ox * shape.StrideWidth) - padding.Width;
                }
            }
        }
    }

    /// <summary>The scalar twin of <see cref="Pool"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PoolScalar(ReadOnlySpan<float> padded, Span<float> output, Span<int> argMax, FloatConvolutionShape shape, (int Height, int Width) padding, bool average)
    {
        int height = shape.PaddedHeight - (2 * padding.Height), width = shape.PaddedWidth - (2 * padding.Width);
        var share = (float)(shape.KernelHeight * shape.KernelWidth);
        for (var ch = 0; ch < shape.Channels; ch++)
        {
            for (var oy = 0; oy < shape.OutputHeight; oy++)
            {
                for (var ox = 0; ox < shape.OutputWidth; ox++)
                {
                    var best = float.NegativeInfinity;
                    var where = -1;
                    var sum = 0f;
                    for (var r = 0; r < shape.KernelHeight; r++)
                    {
                        var py = (oy * shape.StrideHeight) + r;
                        for (var s = 0; s < shape.KernelWidth; s++)
                        {
                            var px = (ox * shape.StrideWidth) + s;
                            var v = padded[(((ch * shape.PaddedHeight) + py) * shape.PaddedWidth) + px];
                            sum += v;
                            if (v > best)
                            {
                                best = v;
                                where = (((ch * height) + py - padding.Height) * width) + px - padding.Width;
                            }
                        }
                    }

                    var o = (((ch * shape.OutputHeight) + oy) * shape.OutputWidth) + ox;
                    if (average)
                    {
                        output[o] = sum / share;
                    }
                    else
                    {
                        output[o] = where < 0 ? 0 : best;
                        argMax[o] = where;
                    }
                }
            }
        }
    }
}
