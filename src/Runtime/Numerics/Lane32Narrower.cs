using System.Numerics;
using System.Runtime.CompilerServices;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Numerics;

/// <summary>
/// <see cref="FixedPoint.Narrow"/> for int32 lanes whose value is <c>floorBase + value·2^-shift</c>: the narrowing of
/// an SGD step whose weights need no rounding, and of products that fit an int32. Shifts from −(word bits − 1) to 31;
/// stochastic rounding compares the top 32 bits of each 64-bit draw, which decides exactly as all 64 would for a
/// shift of at most 32 (the dropped fraction's lower 32 bits are then zero). Values are at most 2^30 in magnitude (a
/// product of two 16-bit words), which lets a shift of up to 30 round with one addition.
/// </summary>
internal readonly struct Lane32Narrower
{
    private readonly int shift;
    private readonly int min, max, overLimit, underLimit;
    private readonly uint mask;

    public Lane32Narrower(int shift, FixedFormat target, RoundingMode mode)
    {
        this.shift = shift;
        Stochastic = mode == RoundingMode.Stochastic && shift > 0;
        min = FixedPoint.Min(target.WordBits);
        max = FixedPoint.Max(target.WordBits);
        IsVectorisable = shift > -target.WordBits && shift < 32 && target.WordBits <= 31;
        if (shift <= 0 && IsVectorisable)
        {
            overLimit = max >> -shift;
            underLimit = -((1 << (target.WordBits - 1)) >> -shift);
        }

        mask = shift is > 0 and < 32 ? (1U << shift) - 1 : 0;
    }

    /// <summary>Whether the shift is in this narrower's range.</summary>
    public bool IsVectorisable { get; }

    /// <summary>Whether the rounding consumes random bits.</summary>
    public bool Stochastic { get; }

    /// <summary>
    /// Narrows <paramref name="floorBase"/>·2^shift + <paramref name="values"/>; a shift of zero or less takes a zero
    /// base only (a plain value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<int> Apply(Vector<int> floorBase, Vector<int> values, Vector<uint> random)
    {
        if (shift <= 0)
        {
            // Only plain values come here (callers pass a zero base): a saturating left shift.
            var shifted = Vector.ShiftLeft(values, -shift);
            shifted = Vector.ConditionalSelect(Vector.GreaterThan(values, new Vector<int>(overLimit)), new Vector<int>(max), shifted);
            return Vector.ConditionalSelect(Vector.LessThan(values, new Vector<int>(underLimit)), new Vector<int>(min), shifted);
        }

        Vector<int> rounded;
        if (shift <= 30)
        {
            // With |value| ≤ 2^30 and a shift of at most 30, one addition before the shift cannot overflow and rounds
            // as the comparisons below do: value = q·2^s + r, 0 ≤ r < 2^s. Stochastic: up iff the draw's top s bits u
            // are below r, iff r + (2^s − 1 − u) ≥ 2^s. Nearest-even: up iff r + 2^(s−1) − 1 + (base + q odd) ≥ 2^s.
            var addend = Stochastic
                ? Vector.AsVectorInt32(~Vector.ShiftRightLogical(random, 32 - shift) & new Vector<uint>(mask))
                : new Vector<int>((1 << (shift - 1)) - 1) + ((floorBase + Vector.ShiftRightArithmetic(values, shift)) & Vector<int>.One);
            rounded = floorBase + Vector.ShiftRightArithmetic(values + addend, shift);
        }
        else
        {
            var floor = floorBase + Vector.ShiftRightArithmetic(values, shift);
            var dropped = Vector.ShiftLeft(Vector.AsVectorUInt32(values) & new Vector<uint>(mask), 32 - shift);
            Vector<uint> up;
            if (Stochastic)
            {
                up = Vector.LessThan(random, dropped);
            }
            else
            {
                var half = new Vector<uint>(1U << 31);
                var odd = Vector.Equals(Vector.AsVectorUInt32(floor) & Vector<uint>.One, Vector<uint>.One);
                up = Vector.GreaterThan(dropped, half) | (Vector.Equals(dropped, half) & odd);
            }

            rounded = floor - Vector.AsVectorInt32(up);
        }

        return Vector.Min(Vector.Max(rounded, new Vector<int>(min)), new Vector<int>(max));
    }
}
