using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The 2 × 2, stride-2 max pool without padding on raw integers: each window's largest value and where it is, the
/// first of equal values winning (top left, top right, bottom left, bottom right), as the generic window loop finds.
/// </summary>
internal static class MaxPool2x2
{
    /// <summary>
    /// maxima[ch, oy, ox] and argMax[ch, oy, ox] (an index into <paramref name="x"/>) for every window of the
    /// c × h × w input; h and w are even.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(int[] x, int c, int h, int w, Span<int> maxima, Span<int> argMax, bool vector)
    {
        var e = h / 2;
        var f = w / 2;
        for (var row = 0; row < c * e; row++)
        {
            // Output row `row` reads input rows 2·row and 2·row + 1 of the stacked channels.
            var top = 2 * row * w;
            var output = row * f;
            var ox = 0;
            if (vector && Avx2.IsSupported && f >= Vector256<int>.Count)
            {
                // Whole vectors, the last one moved back to end at the row's end: the outputs it repeats get the
                // same values again.
                for (; ; ox += Vector256<int>.Count)
                {
                    ox = Math.Min(ox, f - Vector256<int>.Count);
                    Window8(x, top + (2 * ox), w, maxima.Slice(output + ox), argMax.Slice(output + ox));
                    if (ox == f - Vector256<int>.Count)
                    {
                        break;
                    }
                }

                continue;
            }

            if (vector && Avx2.IsSupported && f < Vector256<int>.Count && top + w + (2 * Vector256<int>.Count) <= x.Length &&
                output + Vector256<int>.Count <= maxima.Length)
            {
                // A row narrower than a vector: one vector whose windows past the row read on into the next input
                // rows, and whose outputs past it are written again, right, by the next row (the rows go in order;
                // the last ones, which have no room after them, take the loop below).
                Window8(x, top, w, maxima[output..], argMax[output..]);
                continue;
            }

            for (; ox < f; ox++)
            {
                var index = top + (2 * ox);
                var best = x[index];
                var where = index;
                Take(x[index + 1], index + 1, ref best, ref where);
                Take(x[index + w], index + w, ref best, ref where);
                Take(x[index + w + 1], index + w + 1, ref best, ref where);
                maxima[output + ox] = best;
                argMax[output + ox] = where;
            }
        }
    }

    // Masks rather than branches: which input wins is data, and a mispredicted branch costs more than the window.
    /// <summary>
    /// The errors of a 2×2, stride-2 max pool sent back to its inputs: target[argMax[i]] = errors[i] and zero
    /// everywhere else (the windows are disjoint). The vector path writes each input row pair whole, eight windows at
    /// a time, from the four comparisons of the winner's index with the window's; a last vector overlapping the one
    /// before writes the same values again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(ReadOnlySpan<int> errors, ReadOnlySpan<int> argMax, int c, int h, int w, Span<int> target, bool vector)
    {
        var e = h / 2;
        var f = w / 2;
        if (!vector || !Avx2.IsSupported || f < Vector256<int>.Count || h % 2 != 0 || w % 2 != 0)
        {
            target.Clear();
            for (var i = 0; i < errors.Length; i++)
            {
                if (argMax[i] >= 0)
                {
                    target[argMax[i]] = errors[i];
                }
            }

            return;
        }

        var lanes = Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        var below = Vector256.Create(w);
        for (var row = 0; row < c * e; row++)
        {
            var top = 2 * row * w;
            for (var ox = 0; ; ox += Vector256<int>.Count)
            {
                ox = Math.Min(ox, f - Vector256<int>.Count);
                var output = (row * f) + ox;
                var error = Vector256.Create(errors.Slice(output, Vector256<int>.Count));
                var at = Vector256.Create(argMax.Slice(output, Vector256<int>.Count));
                var start = Vector256.Create(top + (2 * ox)) + lanes;
                var topLeft = error & Vector256.Equals(at, start);
                var topRight = error & Vector256.Equals(at, start + Vector256<int>.One);
                var bottomLeft = error & Vector256.Equals(at, start + below);
                var bottomRight = error & Vector256.Equals(at, start + below + Vector256<int>.One);
                Interleaved(topLeft, topRight, target.Slice(top + (2 * ox), 2 * Vector256<int>.Count));
                Interleaved(bottomLeft, bottomRight, target.Slice(top + w + (2 * ox), 2 * Vector256<int>.Count));
                if (ox == f - Vector256<int>.Count)
                {
                    break;
                }
            }
        }
    }

    // target = even[0], odd[0], even[1], odd[1], … (sixteen values).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleaved(Vector256<int> even, Vector256<int> odd, Span<int> target)
    {
        var low = Avx2.UnpackLow(even, odd);
        var high = Avx2.UnpackHigh(even, odd);
        Avx2.Permute2x128(low, high, 0x20).CopyTo(target);
        Avx2.Permute2x128(low, high, 0x31).CopyTo(target[Vector256<int>.Count..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(int value, int index, ref int best, ref int where)
    {
        var greater = -Unsafe.BitCast<bool, byte>(value > best);
        best ^= (best ^ value) & greater;
        where ^= (where ^ index) & greater;
    }

    // Eight windows side by side whose top-left input is x[start]: the even and odd columns of both rows split out
    // of two vectors each, then the same strict comparisons in the same order as the scalar loop.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Window8(int[] x, int start, int w, Span<int> maxima, Span<int> argMax)
    {
        var top = Split(x, start, out var topOdd);
        var bottom = Split(x, start + w, out var bottomOdd);
        var where = Vector256.Create(start) + Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        var best = top;
        var at = where;
        Select(topOdd, where + Vector256<int>.One, ref best, ref at);
        Select(bottom, where + Vector256.Create(w), ref best, ref at);
        Select(bottomOdd, where + Vector256.Create(w + 1), ref best, ref at);
        best.CopyTo(maxima);
        at.CopyTo(argMax);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Select(Vector256<int> value, Vector256<int> index, ref Vector256<int> best, ref Vector256<int> at)
    {
        var greater = Vector256.GreaterThan(value, best);
        best = Vector256.ConditionalSelect(greater, value, best);
        at = Vector256.ConditionalSelect(greater, index, at);
    }

    // x[start + 2i] (returned) and x[start + 2i + 1] (odd) for i = 0..7.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Split(int[] x, int start, out Vector256<int> odd)
    {
        var low = Vector256.Create(x.AsSpan(start, Vector256<int>.Count));
        var high = Vector256.Create(x.AsSpan(start + Vector256<int>.Count, Vector256<int>.Count));

        // Within each 128-bit half: [low0, low2, high0, high2 | low4, low6, high4, high6]; then the 64-bit pairs
        // reordered to [low0, low2, low4, low6, high0, high2, high4, high6].
        var even = Avx.Shuffle(low.AsSingle(), high.AsSingle(), 0b10_00_10_00).AsInt32();
        var odds = Avx.Shuffle(low.AsSingle(), high.AsSingle(), 0b11_01_11_01).AsInt32();
        odd = Avx2.Permute4x64(odds.AsInt64(), 0b11_01_10_00).AsInt32();
        return Avx2.Permute4x64(even.AsInt64(), 0b11_01_10_00).AsInt32();
    }
}
