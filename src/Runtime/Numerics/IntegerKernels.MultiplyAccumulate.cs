using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TaxoNN.Runtime.Numerics;

public static partial class IntegerKernels
{
    /// <summary>acc[i] += scalar·x[i] on a chosen path. A product is at most 2^30, so it is exact in an int32 lane.</summary>
    internal static void MultiplyAccumulate(Span<long> acc, short scalar, ReadOnlySpan<short> x, KernelPath path)
    {
        CheckArguments(acc.Length, x.Length, path);
        var done = path switch
        {
            KernelPath.Vector512 => MultiplyAccumulateVector512(acc, scalar, x),
            KernelPath.Vector256 => MultiplyAccumulateVector256(acc, scalar, x),
            KernelPath.Vector128 => MultiplyAccumulateVector128(acc, scalar, x),
            _ => 0,
        };
        MultiplyAccumulateScalar(acc[done..], scalar, x[done..]);
    }

    /// <summary>The scalar twin.</summary>
    internal static void MultiplyAccumulateScalar(Span<long> acc, short scalar, ReadOnlySpan<short> x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            acc[i] = checked(acc[i] + (scalar * x[i]));
        }
    }

    // Signed overflow of old + p shows as the sign bit of (old ^ sum) & (p ^ sum); the flags collect it for one
    // check at the end.
    private static int MultiplyAccumulateVector512(Span<long> acc, short scalar, ReadOnlySpan<short> x)
    {
        ref var pacc = ref MemoryMarshal.GetReference(acc);
        ref var px = ref MemoryMarshal.GetReference(x);
        var factor = Vector512.Create((int)scalar);
        var flags = Vector512<long>.Zero;
        var done = x.Length - (x.Length % Vector512<short>.Count);
        for (var i = 0; i < done; i += Vector512<short>.Count)
        {
            var (x0, x1) = Vector512.Widen(Vector512.LoadUnsafe(ref px, (nuint)i));
            var (p0, p1) = Vector512.Widen(x0 * factor);
            var (p2, p3) = Vector512.Widen(x1 * factor);
            var offset = (nuint)i;
            flags |= Add(ref pacc, offset, p0) | Add(ref pacc, offset + 8, p1) | Add(ref pacc, offset + 16, p2) | Add(ref pacc, offset + 24, p3);
        }

        if (Vector512.ExtractMostSignificantBits(flags) != 0)
        {
            throw new OverflowException("An accumulator overflowed a 64-bit integer.");
        }

        return done;

        static Vector512<long> Add(ref long pacc, nuint offset, Vector512<long> p)
        {
            var old = Vector512.LoadUnsafe(ref pacc, offset);
            var sum = old + p;
            sum.StoreUnsafe(ref pacc, offset);
            return (old ^ sum) & (p ^ sum);
        }
    }

    private static int MultiplyAccumulateVector256(Span<long> acc, short scalar, ReadOnlySpan<short> x)
    {
        ref var pacc = ref MemoryMarshal.GetReference(acc);
        ref var px = ref MemoryMarshal.GetReference(x);
        var factor = Vector256.Create((int)scalar);
        var flags = Vector256<long>.Zero;
        var done = x.Length - (x.Length % Vector256<short>.Count);
        for (var i = 0; i < done; i += Vector256<short>.Count)
        {
            var (x0, x1) = Vector256.Widen(Vector256.LoadUnsafe(ref px, (nuint)i));
            var (p0, p1) = Vector256.Widen(x0 * factor);
            var (p2, p3) = Vector256.Widen(x1 * factor);
            var offset = (nuint)i;
            flags |= Add(ref pacc, offset, p0) | Add(ref pacc, offset + 4, p1) | Add(ref pacc, offset + 8, p2) | Add(ref pacc, offset + 12, p3);
        }

        if (Vector256.ExtractMostSignificantBits(flags) != 0)
        {
            throw new OverflowException("An accumulator overflowed a 64-bit integer.");
        }

        return done;

        static Vector256<long> Add(ref long pacc, nuint offset, Vector256<long> p)
        {
            var old = Vector256.LoadUnsafe(ref pacc, offset);
            var sum = old + p;
            sum.StoreUnsafe(ref pacc, offset);
            return (old ^ sum) & (p ^ sum);
        }
    }

    private static int MultiplyAccumulateVector128(Span<long> acc, short scalar, ReadOnlySpan<short> x)
    {
        ref var pacc = ref MemoryMarshal.GetReference(acc);
        ref var px = ref MemoryMarshal.GetReference(x);
        var factor = Vector128.Create((int)scalar);
        var flags = Vector128<long>.Zero;
        var done = x.Length - (x.Length % Vector128<short>.Count);
        for (var i = 0; i < done; i += Vector128<short>.Count)
        {
            var (x0, x1) = Vector128.Widen(Vector128.LoadUnsafe(ref px, (nuint)i));
            var (p0, p1) = Vector128.Widen(x0 * factor);
            var (p2, p3) = Vector128.Widen(x1 * factor);
            var offset = (nuint)i;
            flags |= Add(ref pacc, offset, p0) | Add(ref pacc, offset + 2, p1) | Add(ref pacc, offset + 4, p2) | Add(ref pacc, offset + 6, p3);
        }

        if (Vector128.ExtractMostSignificantBits(flags) != 0)
        {
            throw new OverflowException("An accumulator overflowed a 64-bit integer.");
        }

        return done;

        static Vector128<long> Add(ref long pacc, nuint offset, Vector128<long> p)
        {
            var old = Vector128.LoadUnsafe(ref pacc, offset);
            var sum = old + p;
            sum.StoreUnsafe(ref pacc, offset);
            return (old ^ sum) & (p ^ sum);
        }
    }
}
