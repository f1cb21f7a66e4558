using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Tests.Numerics;

/// <summary>The training path's vector kernels against plain sums and the scalar narrowing, at the edges of the int16 range.</summary>
public sealed class ExactKernelsTests
{
    // Values of at most 16 bits, a fifth of them at the extremes, where int32 partial sums overflow first.
    private static int[] Values(Random random, int length, int magnitude = 32768) =>
        [.. Enumerable.Range(0, length).Select(_ => random.Next(5) switch
        {
            0 => -magnitude,
            1 => magnitude - 1,
            _ => random.Next(-magnitude, magnitude),
        })];

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 33)]
    [InlineData(150, 104)]
    [InlineData(25, 784)]
    [InlineData(301, 45)]
    [InlineData(1100, 9)] // more coefficients than the kernel lists at once
    public void AccumulateRowsIsTheExactSumWhateverTheBlock(int terms, int width)
    {
        var random = new Random((terms * 1000) + width);
        var a = Values(random, terms);
        var b = Values(random, terms * width);
        var expected = new long[width];
        for (var j = 0; j < width; j++)
        {
            expected[j] = 5; // the kernel adds to what is there
            for (var k = 0; k < terms; k++)
            {
                expected[j] += (long)a[k] * b[(k * width) + j];
            }
        }

        foreach (var block in new[] { ExactKernels.BlockTerms(ExactKernels.MaxMagnitude(a), ExactKernels.MaxMagnitude(b)), 1 })
        {
            var output = Enumerable.Repeat(5L, width).ToArray();
            ExactKernels.AccumulateRows(a, b, width, width, output, block);
            Assert.Equal(expected, output);

            var overwritten = Enumerable.Repeat(-77L, width).ToArray();
            ExactKernels.AccumulateRows(a, b, width, width, overwritten, block, overwrite: true);
            Assert.Equal(expected.Select(v => v - 5), overwritten);
        }
    }

    [Fact]
    public void AccumulateRowsWithOnlyZeroCoefficientsAddsNothingOrOverwritesWithZeros()
    {
        var b = Enumerable.Range(1, 600 * 20).ToArray();
        var output = Enumerable.Repeat(5L, 20).ToArray();
        ExactKernels.AccumulateRows(new int[600], b, 20, 20, output, 1);
        Assert.All(output, v => Assert.Equal(5L, v));
        ExactKernels.AccumulateRows(new int[600], b, 20, 20, output, 1, overwrite: true);
        Assert.All(output, v => Assert.Equal(0L, v));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(104)]
    [InlineData(784)]
    [InlineData(4096)]
    public void DotAndDotRowsAreTheExactSums(int length)
    {
        var random = new Random(length);
        var a = Values(random, length);
        const int Rows = 7;
        var b = Values(random, length * Rows);
        var block = ExactKernels.BlockTerms(ExactKernels.MaxMagnitude(a), ExactKernels.MaxMagnitude(b));
        Assert.Equal(1, block); // the extremes leave room for one product per lane: the worst case for the blocks
        var expected = Enumerable.Range(0, Rows).Select(r => Enumerable.Range(0, length).Sum(i => (long)a[i] * b[(r * length) + i])).ToArray();
        Assert.Equal(expected[0], ExactKernels.Dot(a, b.AsSpan(0, length), block));
        Assert.Equal(expected[0], ExactKernels.Dot(a, b.AsSpan(0, length), int.MaxValue / 2 / 32768 / 32768 + 1));
        var rows = new long[Rows];
        ExactKernels.DotRows(a, b, length, rows, block);
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void SumsAndMagnitudesAreExact()
    {
        var random = new Random(3);
        var values = Values(random, 1001);
        Assert.Equal(values.Sum(v => (long)v), ExactKernels.Sum(values));
        Assert.Equal(32768, ExactKernels.MaxMagnitude(values));
        Assert.Equal(9, ExactKernels.MaxMagnitude([1, -9, 3]));
        Assert.Equal(0, ExactKernels.MaxMagnitude([]));
        Assert.Equal(int.MaxValue, ExactKernels.BlockTerms(0, 7));
        Assert.Equal(2, ExactKernels.BlockTerms(32767, 32767));
    }

    [Theory]
    [InlineData(16, 12, 20, RoundingMode.NearestEven)]
    [InlineData(16, 12, 20, RoundingMode.Stochastic)]
    [InlineData(8, 4, 4, RoundingMode.NearestEven)]
    [InlineData(16, 15, 9, RoundingMode.Stochastic)]
    [InlineData(12, 14, 3, RoundingMode.NearestEven)]
    [InlineData(24, -3, 40, RoundingMode.Stochastic)]
    [InlineData(16, 12, 12, RoundingMode.NearestEven)]
    public void LaneNarrowingGivesTheScalarBits(int word, int fraction, int valueFraction, RoundingMode mode)
    {
        var random = new Random(word + fraction + valueFraction);
        var values = Enumerable.Range(0, 1000).Select(i => i % 7 == 0 ? (i % 2 == 0 ? 1L << 40 : -(1L << 40)) : random.NextInt64(-(1L << 33), 1L << 33)).ToArray();
        var precision = new PassPrecision(new FixedFormat(word, fraction), mode);
        const ulong Key = 0x1234_5678_9ABC_DEF0UL;
        var output = new int[values.Length];
        LaneNarrowing.Narrow(values, valueFraction, precision, Key, 17, output, leftShift: 1, addend: -3);
        for (var i = 0; i < values.Length; i++)
        {
            var expected = FixedPoint.Narrow((values[i] << 1) - 3, valueFraction, precision.Format, mode, CounterRandom.RoundingDraw(Key, 17 + i));
            Assert.True(expected == output[i], $"element {i}: {output[i]}, scalar {expected}");
        }

        var ints = Values(random, 333);
        var gate = Values(random, 333);
        var gated = new int[ints.Length];
        LaneNarrowing.NarrowGated(ints, gate, valueFraction, precision, Key, gated);
        for (var i = 0; i < ints.Length; i++)
        {
            Assert.Equal(FixedPoint.Narrow(gate[i] > 0 ? ints[i] : 0, valueFraction, precision.Format, mode, CounterRandom.RoundingDraw(Key, i)), gated[i]);
        }
    }

    [Theory]
    [InlineData(RoundingMode.NearestEven)]
    [InlineData(RoundingMode.Stochastic)]
    public void Narrowing_sums_gives_the_scalar_bits_at_every_right_shift(RoundingMode mode)
    {
        // Right shifts of 1..32 without a left shift (the one-addition path): sums up to 2^46 and an addend, ties,
        // saturation at both ends, a length that is not a whole number of vectors.
        var random = new Random(21 + (int)mode);
        const ulong Key = 0x1111_2222_3333_4444UL;
        for (var shift = 1; shift <= 32; shift++)
        {
            var values = Enumerable.Range(0, 157).Select(i => (i % 6) switch
            {
                0 => 1L << 46,
                1 => -(1L << 46),
                2 => (long)(i % 7 - 3) << (shift - 1), // ties
                _ => random.NextInt64(-(1L << 40), 1L << 40) >> (i % 30),
            }).ToArray();
            foreach (var addend in new[] { 0L, -12345L << 14 })
            {
                var precision = new PassPrecision(new FixedFormat(16, 10), mode);
                var output = new int[values.Length];
                LaneNarrowing.Narrow(values, 10 + shift, precision, Key, 33, output, 0, addend);
                for (var i = 0; i < values.Length; i++)
                {
                    var expected = FixedPoint.Narrow(values[i] + addend, 10 + shift, precision.Format, mode, CounterRandom.RoundingDraw(Key, 33 + i));
                    Assert.True(expected == output[i], $"shift {shift}, addend {addend}, element {i} ({values[i]}): {output[i]}, scalar {expected}");
                }
            }
        }
    }

    [Theory]
    [InlineData(RoundingMode.NearestEven)]
    [InlineData(RoundingMode.Stochastic)]
    public void Gated_narrowing_of_16_bit_words_gives_the_scalar_bits_at_every_shift(RoundingMode mode)
    {
        // The int32-lane path: words of at most 16 bits, shifts from −15 (saturating left shifts) to 16, a length
        // that is not a whole number of vectors (the last vector overlaps), extremes, ties and zeros.
        var random = new Random(11 + (int)mode);
        const ulong Key = 0x0FED_CBA9_8765_4321UL;
        var values = Enumerable.Range(0, 203).Select(i => (i % 9) switch
        {
            0 => -32768,
            1 => 32767,
            2 => 0,
            3 => (i % 5) << (i % 12), // multiples of powers of two: ties at many shifts
            _ => random.Next(-32768, 32768),
        }).ToArray();
        var gate = values.Select((_, i) => i % 4 == 0 ? -1 : 1).ToArray();
        foreach (var word in new[] { 16, 8 })
        {
            for (var shift = -15; shift <= 16; shift++)
            {
                var fraction = 8;
                var precision = new PassPrecision(new FixedFormat(word, fraction), mode);
                var output = new int[values.Length];
                LaneNarrowing.NarrowGated(values, gate, fraction + shift, precision, Key, output, valueWordBits: 16);
                for (var i = 0; i < values.Length; i++)
                {
                    var expected = FixedPoint.Narrow(gate[i] > 0 ? values[i] : 0, fraction + shift, precision.Format, mode, CounterRandom.RoundingDraw(Key, i));
                    Assert.True(expected == output[i], $"word {word}, shift {shift}, element {i} ({values[i]}): {output[i]}, scalar {expected}");
                }
            }
        }
    }

    [Theory]
    [InlineData(RoundingMode.NearestEven)]
    [InlineData(RoundingMode.Stochastic)]
    public void Int32_sums_narrow_as_the_scalar_narrowing_up_to_their_limit(RoundingMode mode)
    {
        var random = new Random(31 + (int)mode);
        const ulong Key = 0x5555_6666_7777_8888UL;
        for (var shift = 1; shift <= 30; shift++)
        {
            var format = new FixedFormat(16, 12);
            var limit = LaneNarrowing.Sums32Limit(12 + shift, format);
            var values = Enumerable.Range(0, 61).Select(i => (i % 5) switch
            {
                0 => (int)(limit - 1),
                1 => (int)(1 - limit),
                2 => (int)Math.Clamp(((long)(i % 7) - 3) << (shift - 1), 1 - limit, limit - 1), // ties, within the limit
                _ => random.Next((int)(1 - limit), (int)limit),
            }).ToArray();
            var precision = new PassPrecision(format, mode);
            Assert.True(LaneNarrowing.NarrowsSums32(12 + shift, format, values.Length));
            var output = new int[values.Length];
            LaneNarrowing.NarrowSums32(values, 12 + shift, precision, Key, output);
            for (var i = 0; i < values.Length; i++)
            {
                var expected = FixedPoint.Narrow(values[i], 12 + shift, format, mode, CounterRandom.RoundingDraw(Key, i));
                Assert.True(expected == output[i], $"shift {shift}, element {i} ({values[i]}): {output[i]}, scalar {expected}");
            }
        }
    }

    [Fact]
    public void FloatInputsConvertAsTheScalarConversionDoes()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 999).Select(i => i % 11 == 0 ? 2.5f : (float)((random.NextDouble() * 40) - 20)).ToArray();
        var format = new FixedFormat(16, 12);
        var output = new int[values.Length];
        var converted = LaneNarrowing.FromFloatsNearest(values, format, output);
        Assert.True(converted > values.Length - 64);
        for (var i = 0; i < converted; i++)
        {
            Assert.Equal(FixedPoint.FromDouble(values[i], format, RoundingMode.NearestEven, 0), output[i]);
        }

        values[3] = float.NaN;
        Assert.Equal(0, LaneNarrowing.FromFloatsNearest(values, format, output)); // NaN stops the vector path
    }

    [Fact]
    public void SaturatedOutputsPassNoErrorThatPushesThemFurtherOut()
    {
        var format = new FixedFormat(8, 4);
        var outputs = Enumerable.Range(0, 100).Select(i => (i % 3) switch { 0 => 127, 1 => -128, _ => i }).ToArray();
        var errors = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? i + 1 : -(i + 1)).ToArray();
        var expected = errors.Select((g, i) => (outputs[i] == 127 && g < 0) || (outputs[i] == -128 && g > 0) ? 0 : g).ToArray();
        LaneNarrowing.ZeroWhereSaturated(errors, outputs, format);
        Assert.Equal(expected, errors);
        Assert.Contains(0, errors);
        Assert.Contains(errors, g => g < 0);
    }

    [Theory]
    [InlineData(-1)] // no output at an end: nothing changes
    [InlineData(0)]
    [InlineData(37)]
    [InlineData(98)] // in the elements after the last whole vector
    public void OneSaturatedOutputStopsItsOutwardErrorAlone(int saturated)
    {
        var format = new FixedFormat(8, 4);
        var outputs = Enumerable.Range(0, 99).Select(i => (i % 50) - 25).ToArray();
        var errors = Enumerable.Range(0, 99).Select(i => -(i + 1)).ToArray();
        var expected = errors.ToArray();
        if (saturated >= 0)
        {
            outputs[saturated] = 127;
            expected[saturated] = 0;
        }

        LaneNarrowing.ZeroWhereSaturated(errors, outputs, format);
        Assert.Equal(expected, errors);
    }

    [Theory]
    [InlineData(13, 784)]
    [InlineData(75, 112)]
    [InlineData(3, 21)]
    public void PairKernelsAreTheExactSumsOfBothHalves(int pairs, int width)
    {
        var random = new Random(pairs + width);
        var magnitude = 32767; // −32768 in both operands could overflow a pair: the kernels' callers avoid it
        var low = Values(random, pairs * width, magnitude).Select(v => Math.Max(v, -magnitude)).ToArray();
        var high = Values(random, pairs * width, magnitude).Select(v => Math.Max(v, -magnitude)).ToArray();
        var a = Values(random, 2 * pairs, magnitude).Select(v => Math.Max(v, -magnitude)).ToArray();
        var packedB = new int[pairs * width];
        PairKernels.Pack(low, high, packedB);
        var packedA = Enumerable.Range(0, pairs).Select(k => PairKernels.Pack(a[2 * k], a[(2 * k) + 1])).ToArray();
        var expected = Enumerable.Range(0, width).Select(j => Enumerable.Range(0, pairs)
            .Sum(k => ((long)a[2 * k] * low[(k * width) + j]) + ((long)a[(2 * k) + 1] * high[(k * width) + j]))).ToArray();
        var block = PairKernels.BlockPairs(magnitude, magnitude);
        Assert.Equal(1, block);
        var output = Enumerable.Repeat(9L, width).ToArray();
        PairKernels.AccumulateRows(packedA, packedB, width, width, output, block, overwrite: true);
        Assert.Equal(expected, output);

        var length = System.Numerics.Vector<short>.Count * 5;
        var x = Values(random, length, magnitude).Select(v => (short)Math.Max(v, -magnitude)).ToArray();
        var rows = Values(random, length * 3, magnitude).Select(v => (short)Math.Max(v, -magnitude)).ToArray();
        var dots = new long[3];
        PairKernels.DotRows(x, rows, length, dots, block);
        Assert.Equal(Enumerable.Range(0, 3).Select(r => Enumerable.Range(0, length).Sum(i => (long)x[i] * rows[(r * length) + i])), dots);
    }

    [Theory]
    [InlineData(7, 13, 32767, false)] // extremes: one pair per int32 block
    [InlineData(16, 75, 300, false)] // small weights: a few long blocks
    [InlineData(6, 13, 0, false)] // all zero: one block
    [InlineData(7, 13, 32767, true)] // inputs without a negative value: positive and negative halves bounded apart
    [InlineData(16, 75, 3000, true)]
    [InlineData(5, 40, 6000, true)]
    public void MultiplyRowsGivesTheExactSumsWhateverTheBlocks(int rows, int pairs, int weightMagnitude, bool nonNegative)
    {
        var random = new Random(rows + pairs + weightMagnitude);
        var width = 4 * System.Numerics.Vector<int>.Count;
        const int InputMagnitude = 32767;
        var least = nonNegative ? 0 : -InputMagnitude;

        // With inputs of one sign, weights mostly of one sign drive the sums furthest out.
        var a = Enumerable.Range(0, rows * pairs).Select(i => PairKernels.Pack(
            i % 9 == 0 ? weightMagnitude : random.Next(nonNegative ? 0 : -weightMagnitude, weightMagnitude + 1),
            i % 11 == 0 ? -weightMagnitude : random.Next(-weightMagnitude, weightMagnitude + 1))).ToArray();
        var b = Enumerable.Range(0, pairs * width).Select(i => PairKernels.Pack(
            i % 7 == 0 ? (nonNegative ? InputMagnitude : -InputMagnitude) : random.Next(least, InputMagnitude + 1),
            i % 5 == 0 ? InputMagnitude : random.Next(least, InputMagnitude + 1))).ToArray();
        var expected = new long[rows * width];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < width; j++)
            {
                for (var k = 0; k < pairs; k++)
                {
                    int w = a[(r * pairs) + k], x = b[(k * width) + j];
                    expected[(r * width) + j] += ((long)(short)w * (short)x) + ((long)(w >> 16) * (x >> 16));
                }
            }
        }

        var output = Enumerable.Repeat(-5L, rows * width).ToArray();
        PairKernels.MultiplyRows(a, pairs, rows, pairs, b, width, width, InputMagnitude, nonNegative, output, width, new int[(3 * pairs) + 1]);
        Assert.Equal(expected, output);
        Assert.Equal(a.Take(pairs).Sum(w => Math.Abs((long)(short)w) + Math.Abs((long)(w >> 16))), PairKernels.HalfMagnitudes(a.AsSpan(0, pairs)));
        Assert.Throws<ArgumentException>(() => PairKernels.MultiplyRows(a, pairs, rows, pairs, b, width, width - 1, InputMagnitude, nonNegative, output, width, new int[(3 * pairs) + 1]));

        if (weightMagnitude <= 300 && !nonNegative)
        {
            // One block holds these sums: the int32 row gives them too.
            var row = new int[width];
            PairKernels.MultiplyRow32(a.AsSpan(0, pairs), 1, pairs, b, width, width, row);
            Assert.Equal(expected.Take(width), row.Select(v => (long)v));

            // The same coefficients read with a stride: a's last row from its transpose.
            var transposed = new int[pairs * rows];
            for (var r = 0; r < rows; r++)
            {
                for (var k = 0; k < pairs; k++)
                {
                    transposed[(k * rows) + r] = a[(r * pairs) + k];
                }
            }

            PairKernels.MultiplyRow32(transposed.AsSpan(rows - 1), rows, pairs, b, width, width, row);
            Assert.Equal(expected.Skip((rows - 1) * width).Take(width), row.Select(v => (long)v));

            // Pairs of adjacent values and of a value with zero, as Pack builds them one by one.
            var values = a.Take(2 * rows + 1).Select(w => (int)(short)w).ToArray();
            var adjacent = new int[rows + 1];
            PairKernels.PackAdjacent(values, adjacent);
            Assert.Equal(Enumerable.Range(0, rows + 1).Select(j => PairKernels.Pack(values[2 * j], (2 * j) + 1 < values.Length ? values[(2 * j) + 1] : 0)), adjacent);
            var lows = new int[values.Length];
            PairKernels.PackLow(values, lows);
            Assert.Equal(values.Select(v => PairKernels.Pack(v, 0)), lows);
        }
    }
}
