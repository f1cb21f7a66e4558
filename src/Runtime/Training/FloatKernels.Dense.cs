using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Training;

internal static partial class FloatKernels
{
    /// <summary>
    /// A dense layer's forward pass, y[m] = W[m, ·] · x (+ bias[m]). Each dot product runs in 8 lanes with two
    /// accumulators (16-element steps: the first 8 into one, the next 8 into the other; a last whole 8 into the first),
    /// adds the two, halves lanes 4 + 4, 2 + 2, 1 + 1, then takes the remaining elements one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyRows(ReadOnlySpan<float> weights, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y, bool vector)
    {
        var width = x.Length;
        if (weights.Length != y.Length * width || (bias.Length != 0 && bias.Length != y.Length))
        {
            throw new ArgumentException("The weights, bias and output do not fit the input.", nameof(weights));
        }

        if (!(vector && IsVectorised))
        {
            MultiplyRowsScalar(weights, x, bias, y);
            return;
        }

        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var xs = ref MemoryMarshal.GetReference(x);
        var rows = y.Length;
        var m = 0;
        if (rows >= 4)
        {
            // The last block overlaps the one before rather than leaving a tail; its rows come out with the same bits.
            for (; m < rows; m += 4)
            {
                m = Math.Min(m, rows - 4);
                DotFourRows(ref Unsafe.Add(ref w, m * width), ref xs, width, y.Slice(m, 4));
            }
        }
        else
        {
            for (; m < rows; m++)
            {
                y[m] = DotVector(ref Unsafe.Add(ref w, m * width), ref xs, width);
            }
        }

        if (!bias.IsEmpty)
        {
            for (m = 0; m < rows; m++)
            {
                y[m] += bias[m];
            }
        }
    }

    /// <summary>The scalar twin of <see cref="MultiplyRows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyRowsScalar(ReadOnlySpan<float> weights, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        var width = x.Length;
        Span<float> first = stackalloc float[Lanes];
        Span<float> second = stackalloc float[Lanes];
        for (var m = 0; m < y.Length; m++)
        {
            var row = weights.Slice(m * width, width);
            first.Clear();
            second.Clear();
            var i = 0;
            for (; i + (2 * Lanes) <= width; i += 2 * Lanes)
            {
                for (var l = 0; l < Lanes; l++)
                {
                    first[l] = MathF.FusedMultiplyAdd(row[i + l], x[i + l], first[l]);
                    second[l] = MathF.FusedMultiplyAdd(row[i + Lanes + l], x[i + Lanes + l], second[l]);
                }
            }

            if (i + Lanes <= width)
            {
                for (var l = 0; l < Lanes; l++)
                {
                    first[l] = MathF.FusedMultiplyAdd(row[i + l], x[i + l], first[l]);
                }

                i += Lanes;
            }

            for (var l = 0; l < Lanes; l++)
            {
                first[l] += second[l];
            }

            for (var half = Lanes / 2; half > 0; half /= 2)
            {
                for (var l = 0; l < half; l++)
                {
                    first[l] += first[l + half];
                }
            }

            var sum = first[0];
            for (; i < width; i++)
            {
                sum = MathF.FusedMultiplyAdd(row[i], x[i], sum);
            }

            y[m] = bias.IsEmpty ? sum : sum + bias[m];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Reduce(Vector256<float> a, Vector256<float> b)
    {
        var v = a + b;
        var quarter = v.GetLower() + v.GetUpper();
        var pair = quarter + Sse.MoveHighToLow(quarter, quarter);
        return pair.ToScalar() + pair.GetElement(1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float DotVector(ref float row, ref float x, int width)
    {
        var first = Vector256<float>.Zero;
        var second = Vector256<float>.Zero;
        var n = (nuint)width;
        nuint i = 0;
        for (; i + (2 * Lanes) <= n; i += 2 * Lanes)
        {
            first = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref row, i), Vector256.LoadUnsafe(ref x, i), first);
            second = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref row, i + Lanes), Vector256.LoadUnsafe(ref x, i + Lanes), second);
        }

        if (i + Lanes <= n)
        {
            first = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref row, i), Vector256.LoadUnsafe(ref x, i), first);
            i += Lanes;
        }

        var sum = Reduce(first, second);
        for (; i < n; i++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref row, i), Unsafe.Add(ref x, i), sum);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotFourRows(ref float rows, ref float x, int width, Span<float> y)
    {
        ref var r1 = ref Unsafe.Add(ref rows, width);
        ref var r2 = ref Unsafe.Add(ref rows, 2 * width);
        ref var r3 = ref Unsafe.Add(ref rows, 3 * width);
        Vector256<float> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
        var n = (nuint)width;
        nuint i = 0;
        for (; i + (2 * Lanes) <= n; i += 2 * Lanes)
        {
            var xa = Vector256.LoadUnsafe(ref x, i);
            var xb = Vector256.LoadUnsafe(ref x, i + Lanes);
            a0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref rows, i), xa, a0);
            b0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref rows, i + Lanes), xb, b0);
            a1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r1, i), xa, a1);
            b1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r1, i + Lanes), xb, b1);
            a2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r2, i), xa, a2);
            b2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r2, i + Lanes), xb, b2);
            a3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r3, i), xa, a3);
            b3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r3, i + Lanes), xb, b3);
        }

        if (i + Lanes <= n)
        {
            var xa = Vector256.LoadUnsafe(ref x, i);
            a0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref rows, i), xa, a0);
            a1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r1, i), xa, a1);
            a2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r2, i), xa, a2);
            a3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r3, i), xa, a3);
            i += Lanes;
        }

        float s0 = Reduce(a0, b0), s1 = Reduce(a1, b1), s2 = Reduce(a2, b2), s3 = Reduce(a3, b3);
        for (; i < n; i++)
        {
            var xi = Unsafe.Add(ref x, i);
            s0 = MathF.FusedMultiplyAdd(Unsafe.Add(ref rows, i), xi, s0);
            s1 = MathF.FusedMultiplyAdd(Unsafe.Add(ref r1, i), xi, s1);
            s2 = MathF.FusedMultiplyAdd(Unsafe.Add(ref r2, i), xi, s2);
            s3 = MathF.FusedMultiplyAdd(Unsafe.Add(ref r3, i), xi, s3);
        }

        y[0] = s0;
        y[1] = s1;
        y[2] = s2;
        y[3] = s3;
    }
}
