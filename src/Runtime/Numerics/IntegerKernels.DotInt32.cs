using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Numerics;

public static partial class IntegerKernels
{
    /// <summary>The 32-bit dot product on a chosen path (the class remarks give the exactness argument).</summary>
    internal static long Dot(ReadOnlySpan<int> a, ReadOnlySpan<int> b, KernelPath path)
    {
        CheckArguments(a.Length, b.Length, path);
        if (path == KernelPath.Scalar)
        {
            return DotScalar(a, b);
        }

        var iterations = BlockIterations(62, MagnitudeBits(a, path), MagnitudeBits(b, path));
        var (sum, done) = path switch
        {
            KernelPath.Vector512 => DotVector512(a, b, iterations),
            KernelPath.Vector256 => DotVector256(a, b, iterations),
            _ => DotVector128(a, b, iterations),
        };
        return checked((long)(sum + DotWide(a[done..], b[done..])));
    }

    /// <summary>The scalar twin: products of up to 2^62 summed in an <see cref="Int128"/>, narrowed checked.</summary>
    internal static long DotScalar(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => checked((long)DotWide(a, b));

    private static Int128 DotWide(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        Int128 sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (long)a[i] * b[i];
        }

        return sum;
    }

    // pmuldq multiplies the low (even) int32 of each int64 lane; shifting each int64 lane right by 32 brings the
    // odd elements there.
    private static (Int128 Sum, int Done) DotVector512(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int blockIterations)
    {
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var vectors = a.Length / Vector512<int>.Count;
        Int128 total = 0;
        for (var v = 0; v < vectors;)
        {
            var end = Math.Min(vectors, v + blockIterations);
            Vector512<long> even = Vector512<long>.Zero, odd = Vector512<long>.Zero;
            for (; v < end; v++)
            {
                var offset = (nuint)(v * Vector512<int>.Count);
                var x = Vector512.LoadUnsafe(ref pa, offset);
                var y = Vector512.LoadUnsafe(ref pb, offset);
                even += Avx512F.Multiply(x, y);
                odd += Avx512F.Multiply(Vector512.ShiftRightLogical(x.AsInt64(), 32).AsInt32(), Vector512.ShiftRightLogical(y.AsInt64(), 32).AsInt32());
            }

            for (var lane = 0; lane < Vector512<long>.Count; lane++)
            {
                total += even.GetElement(lane);
                total += odd.GetElement(lane);
            }
        }

        return (total, vectors * Vector512<int>.Count);
    }

    private static (Int128 Sum, int Done) DotVector256(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int blockIterations)
    {
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var vectors = a.Length / Vector256<int>.Count;
        Int128 total = 0;
        for (var v = 0; v < vectors;)
        {
            var end = Math.Min(vectors, v + blockIterations);
            Vector256<long> even = Vector256<long>.Zero, odd = Vector256<long>.Zero;
            for (; v < end; v++)
            {
                var offset = (nuint)(v * Vector256<int>.Count);
                var x = Vector256.LoadUnsafe(ref pa, offset);
                var y = Vector256.LoadUnsafe(ref pb, offset);
                even += Avx2.Multiply(x, y);
                odd += Avx2.Multiply(Vector256.ShiftRightLogical(x.AsInt64(), 32).AsInt32(), Vector256.ShiftRightLogical(y.AsInt64(), 32).AsInt32());
            }

            for (var lane = 0; lane < Vector256<long>.Count; lane++)
            {
                total += even.GetElement(lane);
                total += odd.GetElement(lane);
            }
        }

        return (total, vectors * Vector256<int>.Count);
    }

    private static (Int128 Sum, int Done) DotVector128(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int blockIterations)
    {
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var vectors = a.Length / Vector128<int>.Count;
        Int128 total = 0;
        for (var v = 0; v < vectors;)
        {
            var end = Math.Min(vectors, v + blockIterations);
            Vector128<long> even = Vector128<long>.Zero, odd = Vector128<long>.Zero;
            for (; v < end; v++)
            {
                var offset = (nuint)(v * Vector128<int>.Count);
                var x = Vector128.LoadUnsafe(ref pa, offset);
                var y = Vector128.LoadUnsafe(ref pb, offset);
                even += Sse41.Multiply(x, y);
                odd += Sse41.Multiply(Vector128.ShiftRightLogical(x.AsInt64(), 32).AsInt32(), Vector128.ShiftRightLogical(y.AsInt64(), 32).AsInt32());
            }

            for (var lane = 0; lane < Vector128<long>.Count; lane++)
            {
                total += even.GetElement(lane);
                total += odd.GetElement(lane);
            }
        }

        return (total, vectors * Vector128<int>.Count);
    }
}
