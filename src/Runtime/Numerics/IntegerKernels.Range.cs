using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TaxoNN.Runtime.Numerics;

public static partial class IntegerKernels
{
    /// <summary>The least m with every value in [-2^m, 2^m - 1]; it sizes the blocks of exact int32 sums.</summary>
    internal static int MagnitudeBits<T>(ReadOnlySpan<T> x, KernelPath path)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var (min, max) = MinMax(x, path);
        var bound = Math.Max(0L, Math.Max(long.CreateTruncating(max), ~long.CreateTruncating(min)));
        return 64 - BitOperations.LeadingZeroCount((ulong)bound);
    }

    private static (T Min, T Max) MinMax<T>(ReadOnlySpan<T> x, KernelPath path)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        T min = T.MaxValue, max = T.MinValue;
        ref var start = ref MemoryMarshal.GetReference(x);
        var last = x.Length;

        // The last vector may overlap the one before: minimum and maximum do not mind seeing a value twice.
        if (path == KernelPath.Vector512 && x.Length >= Vector512<T>.Count)
        {
            Vector512<T> lo = Vector512.Create(min), hi = Vector512.Create(max);
            for (var i = 0; i < x.Length; i += Vector512<T>.Count)
            {
                var v = Vector512.LoadUnsafe(ref start, (nuint)Math.Min(i, x.Length - Vector512<T>.Count));
                lo = Vector512.Min(lo, v);
                hi = Vector512.Max(hi, v);
            }

            (min, max, last) = (Min(lo.GetLower(), lo.GetUpper()), Max(hi.GetLower(), hi.GetUpper()), 0);
        }
        else if (path >= KernelPath.Vector256 && x.Length >= Vector256<T>.Count)
        {
            Vector256<T> lo = Vector256.Create(min), hi = Vector256.Create(max);
            for (var i = 0; i < x.Length; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)Math.Min(i, x.Length - Vector256<T>.Count));
                lo = Vector256.Min(lo, v);
                hi = Vector256.Max(hi, v);
            }

            (min, max, last) = (Min(lo.GetLower(), lo.GetUpper()), Max(hi.GetLower(), hi.GetUpper()), 0);
        }
        else if (path >= KernelPath.Vector128 && x.Length >= Vector128<T>.Count)
        {
            Vector128<T> lo = Vector128.Create(min), hi = Vector128.Create(max);
            for (var i = 0; i < x.Length; i += Vector128<T>.Count)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)Math.Min(i, x.Length - Vector128<T>.Count));
                lo = Vector128.Min(lo, v);
                hi = Vector128.Max(hi, v);
            }

            (min, max, last) = (Min(lo, lo), Max(hi, hi), 0);
        }

        foreach (var value in x[..last])
        {
            min = T.Min(min, value);
            max = T.Max(max, value);
        }

        return (min, max);
    }

    private static T Min<T>(Vector256<T> a, Vector256<T> b)
        where T : unmanaged, IBinaryInteger<T>
    {
        var m = Vector256.Min(a, b);
        return Min(m.GetLower(), m.GetUpper());
    }

    private static T Max<T>(Vector256<T> a, Vector256<T> b)
        where T : unmanaged, IBinaryInteger<T>
    {
        var m = Vector256.Max(a, b);
        return Max(m.GetLower(), m.GetUpper());
    }

    private static T Min<T>(Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IBinaryInteger<T>
    {
        var m = Vector128.Min(a, b);
        var result = m.GetElement(0);
        for (var lane = 1; lane < Vector128<T>.Count; lane++)
        {
            result = T.Min(result, m.GetElement(lane));
        }

        return result;
    }

    private static T Max<T>(Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IBinaryInteger<T>
    {
        var m = Vector128.Max(a, b);
        var result = m.GetElement(0);
        for (var lane = 1; lane < Vector128<T>.Count; lane++)
        {
            result = T.Max(result, m.GetElement(lane));
        }

        return result;
    }
}
