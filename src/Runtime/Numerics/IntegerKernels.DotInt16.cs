using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Numerics;

public static partial class IntegerKernels
{
    /// <summary>The 16-bit dot product on a chosen path (the class remarks give the exactness argument).</summary>
    internal static long Dot(ReadOnlySpan<short> a, ReadOnlySpan<short> b, KernelPath path)
    {
        CheckArguments(a.Length, b.Length, path);
        if (path == KernelPath.Scalar)
        {
            return DotScalar(a, b);
        }

        // One iteration per block is exact for any operands, so a single vector needs no scan.
        var iterations = a.Length * sizeof(short) / VectorBytes(path) > 1 ? BlockIterations(30, MagnitudeBits(a, path), MagnitudeBits(b, path)) : 1;

        // The tail after the widest vectors runs through the narrower ones: blocks of any width are exact.
        long sum = 0;
        var done = 0;
        if (path == KernelPath.Vector512)
        {
            done += DotVector512(a, b, iterations, ref sum);
        }

        if (path >= KernelPath.Vector256)
        {
            done += DotVector256(a[done..], b[done..], iterations, ref sum);
        }

        done += DotVector128(a[done..], b[done..], iterations, ref sum);
        return sum + DotScalar(a[done..], b[done..]);
    }

    /// <summary>The scalar twin: one product at a time into an int64, which cannot overflow below 2^33 elements.</summary>
    internal static long DotScalar(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static int DotVector512(ReadOnlySpan<short> a, ReadOnlySpan<short> b, int blockIterations, ref long sum)
    {
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var vectors = a.Length / Vector512<short>.Count;
        var wide = Vector512<long>.Zero;
        long bias = 0;
        for (var v = 0; v < vectors;)
        {
            var end = Math.Min(vectors, v + blockIterations);
            var lanes = Vector512<int>.AllBitsSet;
            for (; v < end; v++)
            {
                var offset = (nuint)(v * Vector512<short>.Count);
                lanes += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref pa, offset), Vector512.LoadUnsafe(ref pb, offset));
            }

            var (lower, upper) = Vector512.Widen(lanes);
            wide += lower + upper;
            bias += Vector512<int>.Count;
        }

        sum += Vector512.Sum(wide) + bias;
        return vectors * Vector512<short>.Count;
    }

    private static int DotVector256(ReadOnlySpan<short> a, ReadOnlySpan<short> b, int blockIterations, ref long sum)
    {
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var vectors = a.Length / Vector256<short>.Count;
        var wide = Vector256<long>.Zero;
        long bias = 0;
        for (var v = 0; v < vectors;)
        {
            var end = Math.Min(vectors, v + blockIterations);
            var lanes = Vector256<int>.AllBitsSet;
            for (; v < end; v++)
            {
                var offset = (nuint)(v * Vector256<short>.Count);
                lanes += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref pa, offset), Vector256.LoadUnsafe(ref pb, offset));
            }

            var (lower, upper) = Vector256.Widen(lanes);
            wide += lower + upper;
            bias += Vector256<int>.Count;
        }

        sum += Vector256.Sum(wide) + bias;
        return vectors * Vector256<short>.Count;
    }

    private static int DotVector128(ReadOnlySpan<short> a, ReadOnlySpan<short> b, int blockIterations, ref long sum)
    {
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var vectors = a.Length / Vector128<short>.Count;
        var wide = Vector128<long>.Zero;
        long bias = 0;
        for (var v = 0; v < vectors;)
        {
            var end = Math.Min(vectors, v + blockIterations);
            var lanes = Vector128<int>.AllBitsSet;
            for (; v < end; v++)
            {
                var offset = (nuint)(v * Vector128<short>.Count);
                lanes += Sse2.MultiplyAddAdjacent(Vector128.LoadUnsafe(ref pa, offset), Vector128.LoadUnsafe(ref pb, offset));
            }

            var (lower, upper) = Vector128.Widen(lanes);
            wide += lower + upper;
            bias += Vector128<int>.Count;
        }

        sum += Vector128.Sum(wide) + bias;
        return vectors * Vector128<short>.Count;
    }
}
