using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Training;

internal static partial class FloatKernels
{
    /// <summary>
    /// Turns a convolution's product, [positions, <paramref name="width"/>] with the channels in each row, into its
    /// output, [channels, positions] (the first <paramref name="channels"/> of each row); also the transpose of any
    /// matrix, with channels = width.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposeToChannels(ReadOnlySpan<float> product, Span<float> output, int width, int channels, bool vector)
    {
        var positions = output.Length / Math.Max(channels, 1);
        if (channels > width || output.Length != positions * channels || product.Length < positions * width)
        {
            throw new ArgumentException("The product and the output do not fit together.", nameof(output));
        }

        if (!(vector && IsVectorised && positions >= Lanes))
        {
            TransposeToChannelsScalar(product, output, width, channels);
            return;
        }

        ref var source = ref MemoryMarshal.GetReference(product);
        ref var destination = ref MemoryMarshal.GetReference(output);
        for (var p = 0; p < positions; p += Lanes)
        {
            // The last block overlaps the one before rather than leaving a tail; it writes the same values again.
            p = Math.Min(p, positions - Lanes);
            // Whole blocks of 8 channels only, so that no read goes past the last row; the rest one by one.
            var j = 0;
            for (; j + Lanes <= channels; j += Lanes)
            {
                ref var block = ref Unsafe.Add(ref source, (p * width) + j);
                var w = (nuint)width;
                var t0 = Avx.UnpackLow(Vector256.LoadUnsafe(ref block), Vector256.LoadUnsafe(ref block, w));
                var t1 = Avx.UnpackHigh(Vector256.LoadUnsafe(ref block), Vector256.LoadUnsafe(ref block, w));
                var t2 = Avx.UnpackLow(Vector256.LoadUnsafe(ref block, 2 * w), Vector256.LoadUnsafe(ref block, 3 * w));
                var t3 = Avx.UnpackHigh(Vector256.LoadUnsafe(ref block, 2 * w), Vector256.LoadUnsafe(ref block, 3 * w));
                var t4 = Avx.UnpackLow(Vector256.LoadUnsafe(ref block, 4 * w), Vector256.LoadUnsafe(ref block, 5 * w));
                var t5 = Avx.UnpackHigh(Vector256.LoadUnsafe(ref block, 4 * w), Vector256.LoadUnsafe(ref block, 5 * w));
                var t6 = Avx.UnpackLow(Vector256.LoadUnsafe(ref block, 6 * w), Vector256.LoadUnsafe(ref block, 7 * w));
                var t7 = Avx.UnpackHigh(Vector256.LoadUnsafe(ref block, 6 * w), Vector256.LoadUnsafe(ref block, 7 * w));
                var u0 = Avx.Shuffle(t0, t2, 0x44);
                var u1 = Avx.Shuffle(t0, t2, 0xEE);
                var u2 = Avx.Shuffle(t1, t3, 0x44);
                var u3 = Avx.Shuffle(t1, t3, 0xEE);
                var u4 = Avx.Shuffle(t4, t6, 0x44);
                var u5 = Avx.Shuffle(t4, t6, 0xEE);
                var u6 = Avx.Shuffle(t5, t7, 0x44);
                var u7 = Avx.Shuffle(t5, t7, 0xEE);
                Span<Vector256<float>> rows =
                [
                    Avx.Permute2x128(u0, u4, 0x20),
                    Avx.Permute2x128(u1, u5, 0x20),
                    Avx.Permute2x128(u2, u6, 0x20),
                    Avx.Permute2x128(u3, u7, 0x20),
                    Avx.Permute2x128(u0, u4, 0x31),
                    Avx.Permute2x128(u1, u5, 0x31),
                    Avx.Permute2x128(u2, u6, 0x31),
                    Avx.Permute2x128(u3, u7, 0x31),
                ];
                for (var m = 0; m < Lanes; m++)
                {
                    rows[m].StoreUnsafe(ref destination, (nuint)(((j + m) * positions) + p));
                }
            }

            for (; j < channels; j++)
            {
                for (var q = p; q < p + Lanes; q++)
                {
                    Unsafe.Add(ref destination, (j * positions) + q) = Unsafe.Add(ref source, (q * width) + j);
                }
            }
        }
    }

    /// <summary>The scalar twin of <see cref="TransposeToChannels"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposeToChannelsScalar(ReadOnlySpan<float> product, Span<float> output, int width, int channels)
    {
        var positions = output.Length / Math.Max(channels, 1);
        for (var p = 0; p < positions; p++)
        {
            for (var m = 0; m < channels; m++)
            {
                output[(m * positions) + p] = product[(p * width) + m];
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="rows"/> rows of <paramref name="length"/> floats from <paramref name="source"/> (rows
    /// <paramref name="sourceStride"/> apart, from <paramref name="sourceStart"/>) to <paramref name="destination"/>
    /// (rows <paramref name="destinationStride"/> apart, from <paramref name="destinationStart"/>): into and out of padded
    /// buffers, where a call per row would cost more than the copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CopyRows(ReadOnlySpan<float> source, int sourceStart, int sourceStride, Span<float> destination, int destinationStart, int destinationStride, int rows, int length)
    {
        if (rows == 0 || length == 0)
        {
            return;
        }

        if (sourceStart < 0 || destinationStart < 0 || length > Math.Min(sourceStride, destinationStride)
            || sourceStart + ((long)(rows - 1) * sourceStride) + length > source.Length
            || destinationStart + ((long)(rows - 1) * destinationStride) + length > destination.Length)
        {
            throw new ArgumentException("The rows do not fit the buffers.", nameof(rows));
        }

        ref var from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), sourceStart);
        ref var to = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), destinationStart);
        for (var row = 0; row < rows; row++)
        {
            var i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; i + Lanes <= length; i += Lanes)
                {
                    Vector256.LoadUnsafe(ref from, (nuint)i).StoreUnsafe(ref to, (nuint)i);
                }
            }

            for (; i < length; i++)
            {
                Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
            }

            from = ref Unsafe.Add(ref from, sourceStride);
            to = ref Unsafe.Add(ref to, destinationStride);
        }
    }
}
