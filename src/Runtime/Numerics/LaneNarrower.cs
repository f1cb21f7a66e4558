using System.Numerics;
using System.Runtime.CompilerServices;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Numerics;

/// <summary>
/// <see cref="FixedPoint.Narrow"/> for a whole vector of 64-bit values at once, with the same bits: one rounding, then
/// saturation. Covers shifts from −(word bits − 1) to 63; <see cref="IsVectorisable"/> says whether a shift is in range.
/// </summary>
internal readonly struct LaneNarrower
{
    private readonly int shift;
    private readonly long min, max, overLimit, underLimit;
    private readonly ulong mask;

    public LaneNarrower(int valueFractionBits, FixedFormat target, RoundingMode mode)
    {
        shift = valueFractionBits - target.FractionBits;
        Stochastic = mode == RoundingMode.Stochastic;
        min = FixedPoint.Min(target.WordBits);
        max = FixedPoint.Max(target.WordBits);
        IsVectorisable = shift > -target.WordBits && shift < 64 && target.WordBits <= FixedPoint.MaxWordBits;
        if (shift <= 0 && IsVectorisable)
        {
            overLimit = max >> -shift;
            underLimit = -((1L << (target.WordBits - 1)) >> -shift);
        }

        mask = shift is > 0 and < 64 ? (1UL << shift) - 1 : 0;
    }

    /// <summary>Whether <see cref="Apply"/> handles this shift (the rest goes through the scalar narrowing).</summary>
    public bool IsVectorisable { get; }

    /// <summary>Whether the rounding consumes random bits.</summary>
    public bool Stochastic { get; }

    /// <summary>Whether the rounding drops more than 32 bits, so that the draws' bottom halves take part.</summary>
    public bool NeedsLowHalves => Stochastic && shift > 32;

    /// <summary>The narrowed raw values of <paramref name="values"/>; <paramref name="random"/> matters only when stochastic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<long> Apply(Vector<long> values, Vector<ulong> random)
    {
        if (shift <= 0)
        {
            var shifted = Vector.ShiftLeft(values, -shift);
            shifted = Vector.ConditionalSelect(Vector.GreaterThan(values, new Vector<long>(overLimit)), new Vector<long>(max), shifted);
            return Vector.ConditionalSelect(Vector.LessThan(values, new Vector<long>(underLimit)), new Vector<long>(min), shifted);
        }

        var floor = Vector.ShiftRightArithmetic(values, shift);
        var dropped = Vector.ShiftLeft(Vector.AsVectorUInt64(values) & new Vector<ulong>(mask), 64 - shift);
        Vector<ulong> up;
        if (Stochastic)
        {
            up = Vector.LessThan(random, dropped);
        }
        else
        {
            var half = new Vector<ulong>(1UL << 63);
            var odd = Vector.Equals(Vector.AsVectorUInt64(floor) & Vector<ulong>.One, Vector<ulong>.One);
            up = Vector.GreaterThan(dropped, half) | (Vector.Equals(dropped, half) & odd);
        }

        var rounded = floor - Vector.AsVectorInt64(up);
        return Vector.Min(Vector.Max(rounded, new Vector<long>(min)), new Vector<long>(max));
    }
}
