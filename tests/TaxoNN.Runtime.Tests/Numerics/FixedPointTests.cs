using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Tests.Numerics;

/// <summary>Narrowing at the edges: ties, signs, saturation, odd fraction bits, long shifts, stochastic means.</summary>
public sealed class FixedPointTests
{
    private const RoundingMode Nearest = RoundingMode.NearestEven;
    private const RoundingMode Stochastic = RoundingMode.Stochastic;
    private static readonly FixedFormat Int16 = new(16, 0);
    private static readonly FixedFormat Byte = new(8, 0);

    [Theory]
    [InlineData(5, 2)] // 2.5 -> 2
    [InlineData(7, 4)] // 3.5 -> 4
    [InlineData(1, 0)] // 0.5 -> 0
    [InlineData(3, 2)] // 1.5 -> 2
    [InlineData(-1, 0)] // -0.5 -> 0
    [InlineData(-3, -2)] // -1.5 -> -2
    [InlineData(-5, -2)] // -2.5 -> -2
    [InlineData(-7, -4)] // -3.5 -> -4
    public void Ties_go_to_the_even_neighbour(long halves, int expected) =>
        Assert.Equal(expected, FixedPoint.Narrow(halves, 1, Int16, Nearest, 0));

    [Theory]
    [InlineData(11, 3)] // 2.75
    [InlineData(9, 2)] // 2.25
    [InlineData(-11, -3)]
    [InlineData(-9, -2)]
    [InlineData(-1, 0)] // -0.25
    [InlineData(-3, -1)] // -0.75
    public void Other_values_go_to_the_nearest(long quarters, int expected) =>
        Assert.Equal(expected, FixedPoint.Narrow(quarters, 2, Int16, Nearest, ulong.MaxValue));

    [Theory]
    [InlineData(127, 127)]
    [InlineData(128, 127)]
    [InlineData(long.MaxValue, 127)]
    [InlineData(-128, -128)]
    [InlineData(-129, -128)]
    [InlineData(long.MinValue, -128)]
    public void Values_outside_the_range_saturate_at_both_ends(long value, int expected)
    {
        Assert.Equal(expected, FixedPoint.Narrow(value, 0, Byte, Nearest, 0));
        Assert.Equal(expected, FixedPoint.Narrow(value, 0, Byte, Stochastic, 0));
    }

    [Fact]
    public void Rounding_up_past_the_largest_value_saturates_instead_of_wrapping()
    {
        Assert.Equal(127, FixedPoint.Narrow(255, 1, Byte, Nearest, 0)); // 127.5 rounds to 128
        Assert.Equal(127, FixedPoint.Narrow(255, 1, Byte, Stochastic, 0)); // random bits 0 always round up
        Assert.Equal(-128, FixedPoint.Narrow(-257, 1, Byte, Nearest, 0)); // -128.5 rounds to -128
    }

    [Fact]
    public void Fraction_bits_above_the_word_bits_work()
    {
        var tiny = new FixedFormat(8, 12); // steps of 2^-12, largest 127·2^-12
        Assert.Equal(1, FixedPoint.Narrow(1, 12, tiny, Nearest, 0));
        Assert.Equal(100, FixedPoint.Narrow(100, 12, tiny, Nearest, 0));
        Assert.Equal(127, FixedPoint.Narrow(1, 1, tiny, Nearest, 0)); // 0.5 is far above the range
        Assert.Equal(-128, FixedPoint.Narrow(-1, 1, tiny, Nearest, 0));
        Assert.Equal(2, FixedPoint.Narrow(5, 13, tiny, Nearest, 0)); // 2.5 steps, tie to even
        Assert.Equal(100.0 / 4096, FixedPoint.ToDouble(100, tiny));
    }

    [Fact]
    public void Negative_fraction_bits_work()
    {
        var coarse = new FixedFormat(8, -2); // steps of 4
        Assert.Equal(2, FixedPoint.Narrow(10, 0, coarse, Nearest, 0)); // 2.5 steps
        Assert.Equal(4, FixedPoint.Narrow(14, 0, coarse, Nearest, 0)); // 3.5 steps
        Assert.Equal(127, FixedPoint.Narrow(1000, 0, coarse, Nearest, 0));
        Assert.Equal(-128, FixedPoint.Narrow(-1000, 0, coarse, Nearest, 0));
        Assert.Equal(-128, FixedPoint.Narrow(-512, 0, coarse, Nearest, 0));
        Assert.Equal(-12.0, FixedPoint.ToDouble(-3, coarse));
        Assert.Equal(12, FixedPoint.Narrow(3, -4, coarse, Nearest, 0)); // 48 = 12 steps: a left shift of 2
    }

    [Theory]
    [InlineData(0, 1234, 1234)]
    [InlineData(1, 3, 6)]
    [InlineData(1, -3, -6)]
    [InlineData(1, 1 << 30, int.MaxValue)]
    [InlineData(1, -(1 << 30), int.MinValue)] // -2^31 fits exactly
    [InlineData(30, 1, 1 << 30)]
    [InlineData(30, 2, int.MaxValue)]
    [InlineData(30, -2, int.MinValue)]
    [InlineData(30, -3, int.MinValue)]
    [InlineData(62, 1, int.MaxValue)]
    [InlineData(62, -1, int.MinValue)]
    [InlineData(63, 1, int.MaxValue)]
    [InlineData(63, long.MinValue, int.MinValue)]
    [InlineData(64, long.MaxValue, int.MaxValue)]
    [InlineData(100, -1, int.MinValue)]
    [InlineData(100, 0, 0)]
    public void Left_shifts_saturate_without_overflowing(int shift, long value, int expected)
    {
        var word = new FixedFormat(32, shift);
        Assert.Equal(expected, FixedPoint.Narrow(value, 0, word, Nearest, 0));
        Assert.Equal(expected, FixedPoint.Narrow(value, 0, word, Stochastic, 0));
    }

    [Theory]
    [InlineData(1, 5, 2)] // 2.5
    [InlineData(62, 3L << 61, 2)] // 1.5
    [InlineData(62, long.MaxValue, 2)] // just under 2
    [InlineData(62, long.MinValue, -2)] // exactly -2
    [InlineData(63, long.MaxValue, 1)] // just under 1
    [InlineData(63, long.MinValue, -1)]
    [InlineData(63, 1L << 62, 0)] // 0.5, tie to even
    [InlineData(63, -(1L << 62), 0)] // -0.5, tie to even
    [InlineData(63, 3L << 61, 1)] // 0.75
    [InlineData(64, long.MinValue, 0)] // -0.5, tie to even
    [InlineData(64, long.MaxValue, 0)] // just under 0.5
    [InlineData(64, long.MinValue + 1, 0)] // just above -0.5
    [InlineData(100, long.MaxValue, 0)]
    [InlineData(100, long.MinValue, 0)]
    [InlineData(100, -1, 0)]
    public void Long_right_shifts_round_to_nearest(int shift, long value, int expected) =>
        Assert.Equal(expected, FixedPoint.Narrow(value, shift, Int16, Nearest, 0));

    [Theory]
    // The dropped fraction scaled to 2^64 is the threshold: random bits below it round up.
    [InlineData(1, 5, 0UL, 3)]
    [InlineData(1, 5, (1UL << 63) - 1, 3)]
    [InlineData(1, 5, 1UL << 63, 2)]
    [InlineData(63, long.MinValue, 0UL, -1)] // nothing dropped
    [InlineData(64, long.MaxValue, 0UL, 1)]
    [InlineData(64, long.MaxValue, (1UL << 63) - 2, 1)]
    [InlineData(64, long.MaxValue, (1UL << 63) - 1, 0)]
    [InlineData(64, long.MinValue, 0UL, 0)] // -0.5: floor -1, up to 0 half the time
    [InlineData(64, long.MinValue, 1UL << 63, -1)]
    [InlineData(100, long.MaxValue, 0UL, 1)]
    [InlineData(100, long.MaxValue, (1UL << 27) - 2, 1)] // top 64 bits of the fraction: 2^27 - 1
    [InlineData(100, long.MaxValue, (1UL << 27) - 1, 0)]
    [InlineData(100, 1, 0UL, 0)] // 2^-100 is cut to 0 in 64 bits
    [InlineData(100, -1, ulong.MaxValue - 1, 0)] // 1 - 2^-100 is cut to 1 - 2^-64
    [InlineData(100, -1, ulong.MaxValue, -1)]
    public void Stochastic_rounding_compares_the_top_random_bits_with_the_dropped_fraction(int shift, long value, ulong randomBits, int expected) =>
        Assert.Equal(expected, FixedPoint.Narrow(value, shift, Int16, Stochastic, randomBits));

    [Theory]
    [InlineData(1, 2, 0.25)]
    [InlineData(-9, 2, -2.25)]
    [InlineData(3, 3, 0.375)]
    [InlineData(123_456_789_012, 40, 123_456_789_012 / 1099511627776.0)]
    [InlineData(-5_000_000_000_000_000_000, 62, -5_000_000_000_000_000_000 / 4611686018427387904.0)]
    public void Stochastic_rounding_is_unbiased(long value, int fractionBits, double exact)
    {
        var random = new CounterRandom(12345);
        var key = random.Key(0, 0);
        const int Draws = 200_000;
        long sum = 0;
        for (var e = 0; e < Draws; e++)
        {
            sum += FixedPoint.Narrow(value, fractionBits, Int16, Stochastic, CounterRandom.RoundingDraw(key, e));
        }

        // The standard deviation of the mean is at most 0.5/sqrt(Draws) ≈ 0.0011; allow about six of them.
        Assert.InRange((sum / (double)Draws) - exact, -0.007, 0.007);
    }

    [Theory]
    [InlineData(16, 12)]
    [InlineData(8, 0)]
    [InlineData(2, 1)]
    [InlineData(24, 30)]
    [InlineData(12, -3)]
    [InlineData(32, 16)]
    public void A_representable_value_is_unchanged_by_both_modes(int wordBits, int fractionBits)
    {
        var format = new FixedFormat(wordBits, fractionBits);
        int[] raws = [FixedPoint.Min(wordBits), FixedPoint.Min(wordBits) + 1, -1, 0, 1, FixedPoint.Max(wordBits) - 1, FixedPoint.Max(wordBits)];
        foreach (var raw in raws)
        {
            foreach (var extra in new[] { 0, 1, 20, 31 })
            {
                foreach (var mode in new[] { Nearest, Stochastic })
                {
                    foreach (var bits in new[] { 0UL, 1UL << 63, ulong.MaxValue })
                    {
                        Assert.Equal(raw, FixedPoint.Narrow((long)raw << extra, fractionBits + extra, format, mode, bits));
                        Assert.Equal(raw, FixedPoint.FromDouble(FixedPoint.ToDouble(raw, format), format, mode, bits));
                    }
                }
            }
        }
    }

    [Fact]
    public void FromDouble_rounds_once_and_handles_special_values()
    {
        var q412 = new FixedFormat(16, 12);
        Assert.Equal(410, FixedPoint.FromDouble(0.1, q412, Nearest, 0)); // 409.6
        Assert.Equal(-410, FixedPoint.FromDouble(-0.1, q412, Nearest, 0));
        Assert.Equal(410, FixedPoint.FromDouble(0.1, q412, Stochastic, 0));
        Assert.Equal(409, FixedPoint.FromDouble(0.1, q412, Stochastic, ulong.MaxValue));
        Assert.Equal(2, FixedPoint.FromDouble(2.5 / 4096, q412, Nearest, 0));
        Assert.Equal(0, FixedPoint.FromDouble(double.NaN, q412, Nearest, 0));
        Assert.Equal(32767, FixedPoint.FromDouble(double.PositiveInfinity, q412, Nearest, 0));
        Assert.Equal(-32768, FixedPoint.FromDouble(double.NegativeInfinity, q412, Stochastic, 0));
        Assert.Equal(32767, FixedPoint.FromDouble(double.MaxValue, q412, Nearest, 0));
        Assert.Equal(-32768, FixedPoint.FromDouble(-double.MaxValue, q412, Nearest, 0));
        Assert.Equal(32767, FixedPoint.FromDouble(8.0, q412, Nearest, 0));
        Assert.Equal(-32768, FixedPoint.FromDouble(-8.0, q412, Nearest, 0));
        Assert.Equal(0, FixedPoint.FromDouble(double.Epsilon, q412, Nearest, 0));
        Assert.Equal(0, FixedPoint.FromDouble(-double.Epsilon, q412, Nearest, 0));
        Assert.Equal(0, FixedPoint.FromDouble(-0.0, q412, Nearest, 0));
        Assert.Equal(1, FixedPoint.FromDouble(Math.ScaleB(1, -1022), new FixedFormat(8, 1022), Nearest, 0)); // smallest normal
        Assert.Equal(3, FixedPoint.FromDouble(Math.ScaleB(3, -1074), new FixedFormat(8, 1074), Nearest, 0)); // subnormal
    }

    [Fact]
    public void Extreme_fraction_parameters_do_not_overflow_the_shift()
    {
        Assert.Equal(0, FixedPoint.Narrow(long.MaxValue, int.MaxValue, new FixedFormat(16, int.MinValue), Nearest, 0));
        Assert.Equal(32767, FixedPoint.Narrow(1, int.MinValue, new FixedFormat(16, int.MaxValue), Nearest, 0));
        Assert.Equal(-32768, FixedPoint.Narrow(-1, int.MinValue, new FixedFormat(16, int.MaxValue), Nearest, 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(-1)]
    public void Words_outside_1_to_32_bits_are_rejected(int wordBits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.Narrow(1, 0, new FixedFormat(wordBits, 0), Nearest, 0));

    [Fact]
    public void ToDouble_scales_by_the_fraction_bits() =>
        Assert.Equal(-0.5, FixedPoint.ToDouble(-2048, new FixedFormat(16, 12)));
}
