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
        var done = 0;
        switch (path)
        {
            case KernelPath.Vector512 when x.Length >= Vector512<T>.Count:
            {
                Vector512<T> lo = Vector512.Create(min), hi = Vector512.Create(max);
                for (; done <= x.Length - Vector512<T>.Count; done += Vector512<T>.Count)
                {
                    var v = Vector512.LoadUnsafe(ref start, (nuint)done);
                    lo = Vector512.Min(lo, v);
                    hi = Vector512.Max(hi, v);
                }

                for (var lane = 0; lane < Vector512<T>.Count; lane++)
                {
                    min = T.Min(min, lo.GetElement(lane));
                    max = T.Max(max, hi.GetElement(lane));
                }

                break;
            }

            case KernelPath.Vector256 when x.Length >= Vector256<T>.Count:
            {
                Vector256<T> lo = Vector256.Create(min), hi = Vector256.Create(max);
                for (; done <= x.Length - Vector256<T>.Count; done += Vector256<T>.Count)
                {
                    var v = Vector256.LoadUnsafe(ref start, (nuint)done);
                    lo = Vector256.Min(lo, v);
                    hi = Vector256.Max(hi, v);
                }

                for (var lane = 0; lane < Vector256<T>.Count; lane++)
                {
                    min = T.Min(min, lo.GetElement(lane));
                    max = T.Max(max, hi.GetElement(lane));
                }

                break;
            }

            case KernelPath.Vector128 when x.Length >= Vector128<T>.Count:
            {
                Vector128<T> lo = Vector128.Create(min), hi = Vector128.Create(max);
                for (; done <= x.Length - Vector128<T>.Count; done += Vector128<T>.Count)
                {
                    var v = Vector128.LoadUnsafe(ref start, (nuint)done);
                    lo = Vector128.Min(lo, v);
                    hi = Vector128.Max(hi, v);
                }

                for (var lane = 0; lane < Vector128<T>.Count; lane++)
                {
                    min = T.Min(min, lo.GetElement(lane));
                    max = T.Max(max, hi.GetElement(lane));
                }

                break;
            }
        }

        foreach (var value in x[done..])
        {
            min = T.Min(min, value);
            max = T.Max(max, value);
        }

        return (min, max);
    }
}
