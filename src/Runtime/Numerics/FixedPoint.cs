using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Numerics;

/// <summary>Narrows exact values to a fixed-point format: one rounding, then saturation, never a wrap.</summary>
/// <remarks>
/// Sums are formed exactly (see <see cref="IntegerKernels"/>) and narrowed here once, so a result never depends on
/// the order of summation. A raw value <c>r</c> of a format (w, f) means r·2^-f and lies in [-2^(w-1), 2^(w-1)-1];
/// any fraction bits are allowed, negative or above the word bits.
/// </remarks>
public static class FixedPoint
{
    /// <summary>The narrowest and widest word accepted; the raw value is an <see cref="int"/>.</summary>
    public const int MinWordBits = 1, MaxWordBits = 32;

    /// <summary>Narrows value·2^-<paramref name="valueFractionBits"/> to <paramref name="target"/>.</summary>
    /// <remarks>
    /// Stochastic rounding rounds up with probability equal to the dropped fraction: with d dropped bits it
    /// compares the TOP min(d, 64) bits of <paramref name="randomBits"/> with the dropped bits, so the probability
    /// is exact for d ≤ 64. With more than 64 dropped bits the fraction is cut to its top 64 bits (all of
    /// <paramref name="randomBits"/> are used) and the probability is low by less than 2^-64. A value that is
    /// already representable (nothing dropped) is never changed. Nearest-even rounding ignores the random bits.
    /// </remarks>
    public static int Narrow(long value, int valueFractionBits, FixedFormat target, RoundingMode mode, ulong randomBits)
    {
        CheckFormat(target);
        var shift = (long)valueFractionBits - target.FractionBits;
        return shift <= 0
            ? ShiftLeftSaturating(value, -shift, target.WordBits)
            : Saturate(ShiftRightRounding(value, shift, mode, randomBits), target.WordBits);
    }

    /// <summary>Converts a double exactly scaled, rounded once and saturated; NaN gives 0, ±∞ the range's ends.</summary>
    public static int FromDouble(double x, FixedFormat target, RoundingMode mode, ulong randomBits)
    {
        CheckFormat(target);
        if (double.IsNaN(x))
        {
            return 0;
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? Max(target.WordBits) : Min(target.WordBits);
        }

        // Every finite double is m·2^e with |m| < 2^53: narrowing that pair is exact up to the one rounding.
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponentField = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        var exponent = exponentField == 0 ? -1074 : exponentField - 1075;
        if (exponentField != 0)
        {
            mantissa |= 1L << 52;
        }

        return Narrow(bits < 0 ? -mantissa : mantissa, -exponent, target, mode, randomBits);
    }

    /// <summary>
    /// Whether every raw value with <paramref name="fractionBits"/> fraction bits in a word of at most
    /// <paramref name="wordBits"/> bits is the same raw value of <paramref name="target"/>: narrowing it changes nothing.
    /// </summary>
    public static bool Holds(FixedFormat target, int fractionBits, int wordBits) =>
        target.FractionBits == fractionBits && target.WordBits >= wordBits;

    /// <summary>The value a raw number of <paramref name="format"/> stands for.</summary>
    public static double ToDouble(int raw, FixedFormat format) => Math.ScaleB(raw, -format.FractionBits);

    /// <summary>The largest raw value of a word of <paramref name="wordBits"/> bits, 2^(w-1) - 1.</summary>
    public static int Max(int wordBits) => (int)((1L << (wordBits - 1)) - 1);

    /// <summary>The smallest raw value of a word of <paramref name="wordBits"/> bits, -2^(w-1).</summary>
    public static int Min(int wordBits) => (int)-(1L << (wordBits - 1));

    private static int Saturate(long value, int wordBits) => (int)Math.Clamp(value, Min(wordBits), Max(wordBits));

    private static int ShiftLeftSaturating(long value, long shift, int wordBits)
    {
        if (value == 0)
        {
            return 0;
        }

        // Compare before shifting, so the shift can never overflow a long.
        if (shift >= wordBits || value > (Max(wordBits) >> (int)shift))
        {
            return value > 0 ? Max(wordBits) : Min(wordBits);
        }

        return value < -((1L << (wordBits - 1)) >> (int)shift) ? Min(wordBits) : (int)(value << (int)shift);
    }

    private static long ShiftRightRounding(long value, long shift, RoundingMode mode, ulong randomBits)
    {
        // floor = floor(value / 2^shift); dropped = the dropped fraction scaled to 64 bits, exact while shift ≤ 64.
        long floor;
        ulong dropped;
        if (shift < 64)
        {
            floor = value >> (int)shift;
            dropped = (ulong)(value & ((1L << (int)shift) - 1)) << (int)(64 - shift);
        }
        else
        {
            floor = value >> 63;
            dropped = (ulong)(value >> (int)Math.Min(shift - 64, 63));
        }

        var roundUp = mode switch
        {
            RoundingMode.NearestEven => dropped > 1UL << 63 || (dropped == 1UL << 63 && (floor & 1) != 0),
            RoundingMode.Stochastic => randomBits < dropped,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown rounding mode."),
        };

        // floor ≤ (2^63 - 1) / 2 whenever anything was dropped, so the increment cannot overflow.
        return roundUp ? floor + 1 : floor;
    }

    private static void CheckFormat(FixedFormat format)
    {
        if (format.WordBits is < MinWordBits or > MaxWordBits)
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, $"A word has {MinWordBits} to {MaxWordBits} bits.");
        }
    }
}
