using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Numerics;

/// <summary>
/// Shifts of int32 lanes by a count held in a vector register. <see cref="Vector.ShiftRightArithmetic(Vector{int}, int)"/>
/// with a count known only at run time makes the JIT mask and move the count into a register again at every use, inside
/// the loop; a count built once (<see cref="Count"/>) and the shift instructions that take it keep that out of the loop.
/// The result is the same either way.
/// </summary>
internal static class LaneShift
{
    /// <summary>The count <paramref name="bits"/> (0..31) as the shift instructions take it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Count(int bits) => Vector128.CreateScalar(bits);

    /// <summary>Each lane shifted right by <paramref name="bits"/>, the sign copied in (count: <see cref="Count"/> of it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> Arithmetic(Vector<int> value, Vector128<int> count, int bits)
    {
        if (Vector<byte>.Count == 32 && Avx2.IsSupported)
        {
            return Avx2.ShiftRightArithmetic(value.AsVector256(), count).AsVector();
        }

        if (Vector<byte>.Count == 64 && Avx512F.IsSupported)
        {
            return Avx512F.ShiftRightArithmetic(value.AsVector512(), count).AsVector();
        }

        if (Vector<byte>.Count == 16 && Sse2.IsSupported)
        {
            return Sse2.ShiftRightArithmetic(value.AsVector128(), count).AsVector();
        }

        return Vector.ShiftRightArithmetic(value, bits);
    }

    /// <summary>Each lane shifted right by <paramref name="bits"/>, zeros shifted in (count: <see cref="Count"/> of it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> Logical(Vector<uint> value, Vector128<int> count, int bits)
    {
        if (Vector<byte>.Count == 32 && Avx2.IsSupported)
        {
            return Avx2.ShiftRightLogical(value.AsVector256(), count.AsUInt32()).AsVector();
        }

        if (Vector<byte>.Count == 64 && Avx512F.IsSupported)
        {
            return Avx512F.ShiftRightLogical(value.AsVector512(), count.AsUInt32()).AsVector();
        }

        if (Vector<byte>.Count == 16 && Sse2.IsSupported)
        {
            return Sse2.ShiftRightLogical(value.AsVector128(), count.AsUInt32()).AsVector();
        }

        return Vector.ShiftRightLogical(value, bits);
    }
}
