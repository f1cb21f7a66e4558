using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Training;

internal static partial class FloatKernels
{
    /// <summary>
    /// Max or average pooling over the padded input: its padding holds −∞ for max pooling (never taken; a window of
    /// padding alone gives 0 and argmax −1) and 0 for average pooling (which divides by the whole window, as PyTorch's
    /// count_include_pad). The argmax is the index into the unpadded input of the first largest value in window order.
    /// The vector path runs 8 outputs of a row at once for strides 1 and 2 and reads up to 16 past the padded input.
    /// </summary>
    public static void Pool(ReadOnlySpan<float> padded, Span<float> output, Span<int> argMax, FloatConvolutionShape shape, (int Height, int Width) padding, bool average, bool vector)
    {
        if (padded.Length < shape.PaddedElements + (2 * Lanes) || output.Length != shape.Channels * shape.Positions || (!average && argMax.Length != output.Length))
        {
            throw new ArgumentException("The pooling buffers do not fit the shape.", nameof(output));
        }

        if (!(vector && IsVectorised && Avx2.IsSupported && shape.StrideWidth is 1 or 2 && shape.OutputWidth >= Lanes))
        {
            PoolScalar(padded, output, argMax, shape, padding, average);
            return;
        }

        ref var source = ref MemoryMarshal.GetReference(padded);
        int height = shape.PaddedHeight - (2 * padding.Height), width = shape.PaddedWidth - (2 * padding.Width);
        var sw = shape.StrideWidth;
        var laneStep = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * sw;
        var share = (float)(shape.KernelHeight * shape.KernelWidth);
        for (var ch = 0; ch < shape.Channels; ch++)
        {
            for (var oy = 0; oy < shape.OutputHeight; oy++)
            {
                var row = ((ch * shape.OutputHeight) + oy) * shape.OutputWidth;
                for (var ox = 0; ox < shape.OutputWidth; ox += Lanes)
                {
                    // The last block overlaps the one before rather than leaving a tail; it writes the same values again.
                    ox = Math.Min(ox, shape.OutputWidth - Lanes);
                    var best = Vector256.Create(float.NegativeInfinity);
                    var sum = Vector256<float>.Zero;
                    var where = Vector256.Create(-1);
                    for (var r = 0; r < shape.KernelHeight; r++)
                    {
                        var py = (oy * shape.StrideHeight) + r;
                        var from = ((ch * shape.PaddedHeight) + py) * shape.PaddedWidth;
                        var index = (((ch * height) + py - padding.Height) * width) - padding.Width;
                        for (var s = 0; s < shape.KernelWidth; s++)
                        {
                            var at = (nuint)(from + (ox * sw) + s);
                            var v = sw == 1
                                ? Vector256.LoadUnsafe(ref source, at)
                                : Avx2.Permute4x64(Avx.Shuffle(Vector256.LoadUnsafe(ref source, at), Vector256.LoadUnsafe(ref source, at + Lanes), 0x88).AsDouble(), 0xD8).AsSingle();
                            if (average)
                            {
                                sum += v;
                            }
                            else
                            {
                                var greater = Vector256.GreaterThan(v, best);
                                best = Vector256.ConditionalSelect(greater, v, best);
                                where = Vector256.ConditionalSelect(greater.AsInt32(), Vector256.Create(index + (ox * sw) + s) + laneStep, where);
                            }
                        }
                    }

                    if (average)
                    {
                        (sum / share).StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)(row + ox));
                    }
                    else
                    {
                        Vector256.ConditionalSelect(Vector256.Equals(where, Vector256.Create(-1)).AsSingle(), Vector256<float>.Zero, best)
                            .StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)(row + ox));
                        where.StoreUnsafe(ref MemoryMarshal.GetReference(argMax), (nuint)(row + ox));
                    }
                }
            }
        }
    }

    /// <summary>The scalar twin of <see cref="Pool"/>.</summary>
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
