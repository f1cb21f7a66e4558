using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Training;

internal static partial class FloatKernels
{
    /// <summary>
    /// Copies the patch of every output position out of the padded input: row p of <paramref name="patches"/> (depth
    /// values) is position p's window, channel by channel, kernel row by kernel row. The vector path copies whole
    /// vectors and lets each overrun be overwritten by the next row's copy, so it reads up to 8 past the padded input's
    /// end and writes up to 8 past the last patch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GatherPatches(ReadOnlySpan<float> padded, Span<float> patches, FloatConvolutionShape shape, bool vector)
    {
        if (padded.Length < shape.PaddedElements + Lanes || patches.Length < (shape.Positions * shape.Depth) + Lanes)
        {
            throw new ArgumentException("The buffers lack the slack the vector path needs.", nameof(patches));
        }

        if (!(vector && IsVectorised && shape.StrideWidth == 1))
        {
            GatherPatchesScalar(padded, patches, shape);
            return;
        }

        ref var source = ref MemoryMarshal.GetReference(padded);
        ref var destination = ref MemoryMarshal.GetReference(patches);
        var kw = shape.KernelWidth;
        var rows = shape.Channels * shape.KernelHeight;
        Span<int> offsets = rows <= 1024 ? stackalloc int[rows] : new int[rows];
        for (var j = 0; j < rows; j++)
        {
            offsets[j] = (((j / shape.KernelHeight) * shape.PaddedHeight) + (j % shape.KernelHeight)) * shape.PaddedWidth;
        }

        ref var offset = ref MemoryMarshal.GetReference(offsets);
        nuint to = 0;
        for (var oy = 0; oy < shape.OutputHeight; oy++)
        {
            var rowStart = oy * shape.StrideHeight * shape.PaddedWidth;
            for (var ox = 0; ox < shape.OutputWidth; ox++)
            {
                ref var window = ref Unsafe.Add(ref source, rowStart + ox);
                if (kw <= Lanes)
                {
                    for (var j = 0; j < rows; j++)
                    {
                        Vector256.LoadUnsafe(ref Unsafe.Add(ref window, Unsafe.Add(ref offset, j))).StoreUnsafe(ref destination, to);
                        to += (nuint)kw;
                    }

                    continue;
                }

                for (var j = 0; j < rows; j++)
                {
                    ref var from = ref Unsafe.Add(ref window, Unsafe.Add(ref offset, j));
                    for (var s = 0; s < kw; s += Lanes)
                    {
                        Vector256.LoadUnsafe(ref from, (nuint)s).StoreUnsafe(ref destination, to + (nuint)s);
                    }

                    to += (nuint)kw;
                }
            }
        }
    }

    /// <summary>The scalar twin of <see cref="GatherPatches"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GatherPatchesScalar(ReadOnlySpan<float> padded, Span<float> patches, FloatConvolutionShape shape)
    {
        var to = 0;
        for (var oy = 0; oy < shape.OutputHeight; oy++)
        {
            for (var ox = 0; ox < shape.OutputWidth; ox++)
            {
                for (var ch = 0; ch < shape.Channels; ch++)
                {
                    for (var r = 0; r < shape.KernelHeight; r++)
                    {
                        var from = (((ch * shape.PaddedHeight) + (oy * shape.StrideHeight) + r) * shape.PaddedWidth) + (ox * shape.StrideWidth);
                        for (var s = 0; s < shape.KernelWidth; s++)
                        {
                            patches[to++] = padded[from + s];
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// A convolution's forward pass as a matrix product over the patches, read where they lie: output[p, j] = bias[j] +
    /// Σ_k source[origins[p] + offsets[k]] · transposed[k, j] for every position p and every j below
    /// <paramref name="width"/> (the output channels rounded up to whole vectors), each sum one fused multiply-add per k
    /// in order of k. The source is the padded input (origins: <see cref="PatchOrigins"/>, offsets:
    /// <see cref="PatchOffsets"/>) or gathered patches (origins p · depth, offsets k): the same sums as
    /// <see cref="MultiplyPatchesScalar"/>'s.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyWindows(ReadOnlySpan<float> source, ReadOnlySpan<int> origins, ReadOnlySpan<int> offsets, ReadOnlySpan<float> transposed, ReadOnlySpan<float> bias, Span<float> output, int width, bool vector)
    {
        var positions = origins.Length;
        var depth = offsets.Length;
        if (width % Lanes != 0 || output.Length != positions * width || transposed.Length < depth * width || bias.Length < width)
        {
            throw new ArgumentException("The operands of the patch product do not fit together.", nameof(output));
        }

        if (positions > 0 && depth > 0)
        {
            int lowest = int.MaxValue, highest = int.MinValue, first = int.MaxValue, last = int.MinValue;
            foreach (var o in origins)
            {
                (lowest, highest) = (Math.Min(lowest, o), Math.Max(highest, o));
            }

            foreach (var o in offsets)
            {
                (first, last) = (Math.Min(first, o), Math.Max(last, o));
            }

            if (lowest + first < 0 || (long)highest + last >= source.Length)
            {
                throw new ArgumentException("A patch reaches outside the source.", nameof(offsets));
            }
        }

        if (!(vector && IsVectorised))
        {
            MultiplyWindowsScalar(source, origins, offsets, transposed, bias, output, width);
            return;
        }

        ref var a = ref MemoryMarshal.GetReference(source);
        ref var at = ref MemoryMarshal.GetReference(origins);
        ref var k = ref MemoryMarshal.GetReference(offsets);
        ref var b = ref MemoryMarshal.GetReference(transposed);
        ref var c = ref MemoryMarshal.GetReference(output);
        ref var bs = ref MemoryMarshal.GetReference(bias);
        var j = 0;
        for (; j + (2 * Lanes) <= width; j += 2 * Lanes)
        {
            var p = 0;
            for (; p + 6 <= positions; p += 6)
            {
                SixByTwo(ref a, ref Unsafe.Add(ref at, p), ref k, ref Unsafe.Add(ref b, j), ref Unsafe.Add(ref bs, j), ref Unsafe.Add(ref c, (p * width) + j), depth, width);
            }

            for (; p < positions; p++)
            {
                OneByTwo(ref Unsafe.Add(ref a, Unsafe.Add(ref at, p)), ref k, ref Unsafe.Add(ref b, j), ref Unsafe.Add(ref bs, j), ref Unsafe.Add(ref c, (p * width) + j), depth, width);
            }
        }

        if (j < width)
        {
            var p = 0;
            for (; p + 12 <= positions; p += 12)
            {
                TwelveByOne(ref a, ref Unsafe.Add(ref at, p), ref k, ref Unsafe.Add(ref b, j), ref Unsafe.Add(ref bs, j), ref Unsafe.Add(ref c, (p * width) + j), depth, width);
            }

            for (; p < positions; p++)
            {
                OneByOne(ref Unsafe.Add(ref a, Unsafe.Add(ref at, p)), ref k, ref Unsafe.Add(ref b, j), ref Unsafe.Add(ref bs, j), ref Unsafe.Add(ref c, (p * width) + j), depth, width);
            }
        }
    }

    /// <summary>The scalar twin of <see cref="MultiplyWindows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyWindowsScalar(ReadOnlySpan<float> source, ReadOnlySpan<int> origins, ReadOnlySpan<int> offsets, ReadOnlySpan<float> transposed, ReadOnlySpan<float> bias, Span<float> output, int width)
    {
        for (var p = 0; p < origins.Length; p++)
        {
            for (var j = 0; j < width; j++)
            {
                var sum = bias[j];
                for (var k = 0; k < offsets.Length; k++)
                {
                    sum = MathF.FusedMultiplyAdd(source[origins[p] + offsets[k]], transposed[(k * width) + j], sum);
                }

                output[(p * width) + j] = sum;
            }
        }
    }

    /// <summary>Where each value of a patch lies in the padded input, from its window's start, in order of k (channel, kernel row, kernel column).</summary>
    public static void PatchOffsets(FloatConvolutionShape shape, Span<int> offsets)
    {
        var k = 0;
        for (var ch = 0; ch < shape.Channels; ch++)
        {
            for (var r = 0; r < shape.KernelHeight; r++)
            {
                for (var s = 0; s < shape.KernelWidth; s++)
                {
                    offsets[k++] = (((ch * shape.PaddedHeight) + r) * shape.PaddedWidth) + s;
                }
            }
        }
    }

    /// <summary>The product over gathered patches, [positions, depth]: the reference <see cref="MultiplyWindows"/> and <see cref="ConvolveRows"/> are held to.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyPatchesScalar(ReadOnlySpan<float> patches, ReadOnlySpan<float> transposed, ReadOnlySpan<float> bias, Span<float> output, int depth, int width)
    {
        var positions = output.Length / width;
        for (var p = 0; p < positions; p++)
        {
            for (var j = 0; j < width; j++)
            {
                var sum = bias[j];
                for (var k = 0; k < depth; k++)
                {
                    sum = MathF.FusedMultiplyAdd(patches[(p * depth) + k], transposed[(k * width) + j], sum);
                }

                output[(p * width) + j] = sum;
            }
        }
    }

    /// <summary>
    /// Adds one position's patch of errors back onto the padded input's error (the transpose of
    /// <see cref="GatherPatches"/>). The vector path reads up to 8 past the patch and reads and writes back unchanged
    /// up to 8 past the padded error's last row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScatterPatch(ReadOnlySpan<float> patch, Span<float> padded, int oy, int ox, FloatConvolutionShape shape, bool vector)
    {
        if (patch.Length < shape.Depth + Lanes || padded.Length < shape.PaddedElements + Lanes
            || (uint)oy >= (uint)shape.OutputHeight || (uint)ox >= (uint)shape.OutputWidth)
        {
            throw new ArgumentException("The buffers lack the slack the vector path needs, or the position is outside the output.", nameof(patch));
        }

        if (!(vector && IsVectorised && shape.StrideWidth == 1))
        {
            ScatterPatchScalar(patch, padded, oy, ox, shape);
            return;
        }

        ref var source = ref MemoryMarshal.GetReference(patch);
        ref var destination = ref MemoryMarshal.GetReference(padded);
        var kw = shape.KernelWidth;
        var lane = Vector256.Create(0f, 1, 2, 3, 4, 5, 6, 7);
        var window = (nuint)((oy * shape.StrideHeight * shape.PaddedWidth) + ox);
        var plane = (nuint)(shape.PaddedHeight * shape.PaddedWidth);
        var rowStep = (nuint)shape.PaddedWidth;
        nuint from = 0;
        if (kw <= Lanes)
        {
            // One vector per kernel row, its mask worked out once.
            var keep = Vector256.LessThan(lane, Vector256.Create((float)kw));
            for (var ch = 0; ch < shape.Channels; ch++)
            {
                var to = window + ((nuint)ch * plane);
                for (var r = 0; r < shape.KernelHeight; r++, to += rowStep, from += (nuint)kw)
                {
                    var d = Vector256.LoadUnsafe(ref destination, to);
                    Vector256.ConditionalSelect(keep, d + Vector256.LoadUnsafe(ref source, from), d).StoreUnsafe(ref destination, to);
                }
            }

            return;
        }

        for (var ch = 0; ch < shape.Channels; ch++)
        {
            var to = window + ((nuint)ch * plane);
            for (var r = 0; r < shape.KernelHeight; r++, to += rowStep)
            {
                for (var s = 0; s < kw; s += Lanes)
                {
                    var keep = Vector256.LessThan(lane, Vector256.Create((float)(kw - s)));
                    var d = Vector256.LoadUnsafe(ref destination, to + (nuint)s);
                    var sum = d + Vector256.LoadUnsafe(ref source, from + (nuint)s);
                    Vector256.ConditionalSelect(keep, sum, d).StoreUnsafe(ref destination, to + (nuint)s);
                }

                from += (nuint)kw;
            }
        }
    }

    /// <summary>The scalar twin of <see cref="ScatterPatch"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScatterPatchScalar(ReadOnlySpan<float> patch, Span<float> padded, int oy, int ox, FloatConvolutionShape shape)
    {
        var from = 0;
        for (var ch = 0; ch < shape.Channels; ch++)
        {
            for (var r = 0; r < shape.KernelHeight; r++)
            {
                var to = (((ch * shape.PaddedHeight) + (oy * shape.StrideHeight) + r) * shape.PaddedWidth) + (ox * shape.StrideWidth);
                for (var s = 0; s < shape.KernelWidth; s++)
                {
                    padded[to + s] += patch[from++];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneByOne(ref float a, ref int offset, ref float b, ref float bias, ref float c, int depth, int width)
    {
        var c0 = Vector256.LoadUnsafe(ref bias);
        for (var k = 0; k < depth; k++)
        {
            c0 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a, Unsafe.Add(ref offset, k))), Vector256.LoadUnsafe(ref b, (nuint)(k * width)), c0);
        }

        c0.StoreUnsafe(ref c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneByTwo(ref float a, ref int offset, ref float b, ref float bias, ref float c, int depth, int width)
    {
        var c0 = Vector256.LoadUnsafe(ref bias);
        var c1 = Vector256.LoadUnsafe(ref bias, Lanes);
        for (var k = 0; k < depth; k++)
        {
            var x = Vector256.Create(Unsafe.Add(ref a, Unsafe.Add(ref offset, k)));
            var row = (nuint)(k * width);
            c0 = Fma.MultiplyAdd(x, Vector256.LoadUnsafe(ref b, row), c0);
            c1 = Fma.MultiplyAdd(x, Vector256.LoadUnsafe(ref b, row + Lanes), c1);
        }

        c0.StoreUnsafe(ref c);
        c1.StoreUnsafe(ref c, Lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SixByTwo(ref float source, ref int origin, ref int offset, ref float b, ref float bias, ref float c, int depth, int width)
    {
        var lo = Vector256.LoadUnsafe(ref bias);
        var hi = Vector256.LoadUnsafe(ref bias, Lanes);
        Vector256<float> c00 = lo, c01 = hi, c10 = lo, c11 = hi, c20 = lo, c21 = hi, c30 = lo, c31 = hi, c40 = lo, c41 = hi, c50 = lo, c51 = hi;
        ref var a = ref Unsafe.Add(ref source, origin);
        ref var a1 = ref Unsafe.Add(ref source, Unsafe.Add(ref origin, 1));
        ref var a2 = ref Unsafe.Add(ref source, Unsafe.Add(ref origin, 2));
        ref var a3 = ref Unsafe.Add(ref source, Unsafe.Add(ref origin, 3));
        ref var a4 = ref Unsafe.Add(ref source, Unsafe.Add(ref origin, 4));
        ref var a5 = ref Unsafe.Add(ref source, Unsafe.Add(ref origin, 5));
        for (var j = 0; j < depth; j++)
        {
            var k = Unsafe.Add(ref offset, j);
            var row = (nuint)(j * width);
            var b0 = Vector256.LoadUnsafe(ref b, row);
            var b1 = Vector256.LoadUnsafe(ref b, row + Lanes);
            var x = Vector256.Create(Unsafe.Add(ref a, k));
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a1, k));
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a2, k));
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a3, k));
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref a4, k));
            c40 = Fma.MultiplyAdd(x, b0, c40);
            c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref a5, k));
            c50 = Fma.MultiplyAdd(x, b0, c50);
            c51 = Fma.MultiplyAdd(x, b1, c51);
        }

        var w = (nuint)width;
        c00.StoreUnsafe(ref c);
        c01.StoreUnsafe(ref c, Lanes);
        c10.StoreUnsafe(ref c, w);
        c11.StoreUnsafe(ref c, w + Lanes);
        c20.StoreUnsafe(ref c, 2 * w);
        c21.StoreUnsafe(ref c, (2 * w) + Lanes);
        c30.StoreUnsafe(ref c, 3 * w);
        c31.StoreUnsafe(ref c, (3 * w) + Lanes);
        c40.StoreUnsafe(ref c, 4 * w);
        c41.StoreUnsafe(ref c, (4 * w) + Lanes);
        c50.StoreUnsafe(ref c, 5 * w);
        c51.StoreUnsafe(ref c, (5 * w) + Lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwelveByOne(ref float source, ref int origin, ref int offset, ref float b, ref float bias, ref float c, int depth, int width)
    {
        // Twelve patches are more than there are registers to point at them: their origins are read again at each k.
        var init = Vector256.LoadUnsafe(ref bias);
        Vector256<float> c0 = init, c1 = init, c2 = init, c3 = init, c4 = init, c5 = init, c6 = init, c7 = init, c8 = init, c9 = init, c10 = init, c11 = init;
        for (var j = 0; j < depth; j++)
        {
            var b0 = Vector256.LoadUnsafe(ref b, (nuint)(j * width));
            ref var ak = ref Unsafe.Add(ref source, Unsafe.Add(ref offset, j));
            c0 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, origin)), b0, c0);
            c1 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, Unsafe.Add(ref origin, 1))), b0, c1);
            c2 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, Unsafe.Add(ref origin, 2))), b0, c2);
            c3 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, Unsafe.Add(ref origin, 3))), b0, c3);
            c4 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, Unsafe.Add(ref origin, 4))), b0, c4);
            c5 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, Unsafe.Add(ref origin, 5))), b0, c5);
            c6 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, Unsafe.Add(ref origin, 6))), b0, c6);
            c7 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, Unsafe.Add(ref origin, 7))), b0, c7);
            c8 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, Unsafe.Add(ref origin, 8))), b0, c8);
            c9 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, Unsafe.Add(ref origin, 9))), b0, c9);
            c10 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, Unsafe.Add(ref origin, 10))), b0, c10);
            c11 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref ak, Unsafe.Add(ref origin, 11))), b0, c11);
        }

        var w = (nuint)width;
        c0.StoreUnsafe(ref c);
        c1.StoreUnsafe(ref c, w);
        c2.StoreUnsafe(ref c, 2 * w);
        c3.StoreUnsafe(ref c, 3 * w);
        c4.StoreUnsafe(ref c, 4 * w);
        c5.StoreUnsafe(ref c, 5 * w);
        c6.StoreUnsafe(ref c, 6 * w);
        c7.StoreUnsafe(ref c, 7 * w);
        c8.StoreUnsafe(ref c, 8 * w);
        c9.StoreUnsafe(ref c, 9 * w);
        c10.StoreUnsafe(ref c, 10 * w);
        c11.StoreUnsafe(ref c, 11 * w);
    }
}
