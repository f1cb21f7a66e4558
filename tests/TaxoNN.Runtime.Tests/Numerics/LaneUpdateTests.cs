using System.Numerics;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Tests.Numerics;

/// <summary>The int32-lane SGD update gives the bits of the scalar narrowings it stands for.</summary>
public sealed class LaneUpdateTests
{
    [Theory]
    [InlineData(RoundingMode.NearestEven, RoundingMode.NearestEven)]
    [InlineData(RoundingMode.NearestEven, RoundingMode.Stochastic)]
    [InlineData(RoundingMode.Stochastic, RoundingMode.NearestEven)]
    [InlineData(RoundingMode.Stochastic, RoundingMode.Stochastic)]
    public void Dense_rows_round_and_saturate_as_the_scalar_narrowings_at_every_shift(RoundingMode gradientMode, RoundingMode updateMode)
    {
        var random = new Random(((int)gradientMode * 2) + (int)updateMode + 5);
        var gradient = new FixedFormat(16, 14);
        var update = new FixedFormat(16, 15);
        var gradientKey = new CounterRandom(9).Key(3, 4);
        var updateKey = new CounterRandom(9).Key(3, 5);

        // Rows a whole number of vectors long and rows whose last vector overlaps the one before it.
        var width = (3 * Vector<int>.Count) + 3;
        for (var gradientShift = 1; gradientShift <= 30; gradientShift++)
        {
            var updateShift = 1 + ((gradientShift * 7) % 30);
            var rate = (gradientShift % 3) switch { 0 => 20972, 1 => -32767, _ => 1 };
            Assert.True(LaneUpdate.Fits(gradientShift, gradient, updateShift, update, rate, fromSums: false));
            var kernel = new LaneUpdate(gradientShift, gradient, updateShift, update, rate, gradientKey, updateKey);
            foreach (var length in new[] { width, 2 * Vector<int>.Count })
            {
                var rows = 6;
                var x = new int[length];
                var errors = new int[rows];
                var weights = new int[rows * length];
                for (var n = 0; n < length; n++)
                {
                    // Extremes (products reach 2^30), small values near the ties, and a whole vector of zeros.
                    x[n] = n < Vector<int>.Count ? 0 : (n % 5) switch { 0 => -32768, 1 => 32767, 2 => 1 << (gradientShift % 15), _ => random.Next(-32768, 32768) };
                }

                for (var m = 0; m < rows; m++)
                {
                    errors[m] = m switch { 0 => 0, 1 => -32768, 2 => 32767, 3 => 1, _ => random.Next(-32768, 32768) };
                }

                for (var i = 0; i < weights.Length; i++)
                {
                    weights[i] = i % 7 == 0 ? (i % 2 == 0 ? 32767 : -32768) : random.Next(-32768, 32768);
                }

                var expected = (int[])weights.Clone();
                for (var m = 0; m < rows; m++)
                {
                    for (var n = 0; m > 0 && n < length; n++)
                    {
                        var element = ((long)m * length) + n;
                        var dw = FixedPoint.Narrow((long)errors[m] * x[n], gradientShift + gradient.FractionBits, gradient, gradientMode,
                            gradientMode == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(gradientKey, element) : 0);
                        var value = ((long)weights[element] << updateShift) - ((long)rate * dw);
                        expected[element] = FixedPoint.Narrow(value, updateShift + update.FractionBits, update, updateMode,
                            updateMode == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(updateKey, element) : 0);
                    }
                }

                var actual = (int[])weights.Clone();
                var peak = kernel.Rows(actual, errors, x, gradientMode, updateMode);
                for (var i = 0; i < actual.Length; i++)
                {
                    Assert.True(expected[i] == actual[i],
                        $"shifts {gradientShift}/{updateShift}, rate {rate}, length {length}, element {i}: {actual[i]}, the scalar narrowings give {expected[i]}");
                }

                var largest = 0;
                for (var lane = 0; lane < Vector<int>.Count; lane++)
                {
                    largest = Math.Max(largest, peak[lane]);
                }

                Assert.InRange(largest, 0, 32768);
                Assert.Equal(32768, largest); // rows 1..5 each hold an extreme weight that the update keeps or saturates
            }
        }
    }

    [Theory]
    [InlineData(RoundingMode.NearestEven, RoundingMode.NearestEven)]
    [InlineData(RoundingMode.NearestEven, RoundingMode.Stochastic)]
    [InlineData(RoundingMode.Stochastic, RoundingMode.NearestEven)]
    [InlineData(RoundingMode.Stochastic, RoundingMode.Stochastic)]
    public void Updates_from_sums_round_and_saturate_as_the_scalar_narrowings_at_every_shift(RoundingMode gradientMode, RoundingMode updateMode)
    {
        var random = new Random(((int)gradientMode * 2) + (int)updateMode + 50);
        var gradient = new FixedFormat(16, 14);
        var update = new FixedFormat(16, 15);
        var gradientKey = new CounterRandom(4).Key(8, 2);
        var updateKey = new CounterRandom(4).Key(8, 3);
        for (var gradientShift = 1; gradientShift <= 32; gradientShift++)
        {
            var updateShift = 1 + ((gradientShift * 11) % 30);
            var rate = (gradientShift % 3) switch { 0 => 20972, 1 => -32767, _ => 3 };
            Assert.True(LaneUpdate.Fits(gradientShift, gradient, updateShift, update, rate, fromSums: true));
            var kernel = new LaneUpdate(gradientShift, gradient, updateShift, update, rate, gradientKey, updateKey);

            // Lengths a whole number of vectors and not (the last vector overlaps); sums up to 2^46, ties, zeros.
            foreach (var length in new[] { 4 * Vector<int>.Count, (2 * Vector<int>.Count) + 5 })
            {
                var sums = Enumerable.Range(0, length).Select(i => (i % 6) switch
                {
                    0 => (i % 4 == 0 ? 1L : -1L) << 46,
                    1 => 0L,
                    2 => (long)((i % 7) - 3) << (gradientShift - 1),
                    _ => random.NextInt64(-(1L << 40), 1L << 40) >> (i % 32),
                }).ToArray();
                var weights = Enumerable.Range(0, length).Select(i => i % 5 == 0 ? (i % 2 == 0 ? 32767 : -32768) : random.Next(-32768, 32768)).ToArray();
                var expected = new int[length];
                for (var i = 0; i < length; i++)
                {
                    var dw = FixedPoint.Narrow(sums[i], gradientShift + gradient.FractionBits, gradient, gradientMode,
                        gradientMode == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(gradientKey, i) : 0);
                    var value = ((long)weights[i] << updateShift) - ((long)rate * dw);
                    expected[i] = FixedPoint.Narrow(value, updateShift + update.FractionBits, update, updateMode,
                        updateMode == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(updateKey, i) : 0);
                }

                var actual = (int[])weights.Clone();
                var peak = kernel.FromSums(actual, sums, gradientMode, updateMode);
                Assert.Equal(expected, actual);
                var largest = 0;
                for (var lane = 0; lane < Vector<int>.Count; lane++)
                {
                    largest = Math.Max(largest, peak[lane]);
                }

                Assert.Equal(expected.Max(Math.Abs), largest);
            }
        }
    }
}
