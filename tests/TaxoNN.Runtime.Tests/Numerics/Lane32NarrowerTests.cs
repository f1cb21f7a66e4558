using System.Numerics;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Tests.Numerics;

/// <summary>The int32-lane narrowing of the fused dense update gives the scalar narrowing's bits.</summary>
public sealed class Lane32NarrowerTests
{
    [Theory]
    [InlineData(RoundingMode.NearestEven)]
    [InlineData(RoundingMode.Stochastic)]
    public void EveryShiftRoundsAndSaturatesAsTheScalarNarrowing(RoundingMode mode)
    {
        var random = new Random((int)mode + 5);
        var key = new CounterRandom(9).Key(3, 4);
        var count = Vector<int>.Count;
        var format = new FixedFormat(16, 15);
        for (var shift = 1; shift <= 31; shift++)
        {
            var narrower = new Lane32Narrower(shift, format, mode);
            Assert.True(narrower.IsVectorisable);
            for (var trial = 0; trial < 64; trial++)
            {
                // Values up to 2^30 in magnitude (products of two 16-bit words), including ties and the extremes;
                // bases odd and even, some near the range's ends so that saturation shows.
                var values = new int[count];
                var bases = new int[count];
                for (var lane = 0; lane < count; lane++)
                {
                    values[lane] = (trial % 4) switch
                    {
                        0 => random.Next(-(1 << 30), (1 << 30) + 1),
                        1 => random.Next(-TieLimit(shift), TieLimit(shift) + 1) << (shift - 1), // multiples of half a step: ties
                        2 => lane % 2 == 0 ? 1 << 30 : -(1 << 30),
                        _ => random.Next(-(1 << 12), 1 << 12),
                    };
                    bases[lane] = trial % 8 == 7 ? 32767 - lane : random.Next(-32768, 32768);
                }

                var first = trial * count;
                var bits = LaneDraws.High(LaneDraws.Start(first), key);
                var actual = narrower.Apply(new Vector<int>(bases), new Vector<int>(values), bits);
                for (var lane = 0; lane < count; lane++)
                {
                    var exact = ((long)bases[lane] << shift) + values[lane];
                    var expected = FixedPoint.Narrow(exact, shift + 15, format, mode,
                        mode == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(key, first + lane) : 0);
                    Assert.True(expected == actual[lane], $"shift {shift}, base {bases[lane]}, value {values[lane]}: {actual[lane]}, the scalar narrowing gives {expected}");
                }
            }
        }
    }

    // The largest k with |k·2^(shift − 1)| ≤ 2^30, at most 1000.
    private static int TieLimit(int shift) => Math.Min(1000, (1 << 30) >> (shift - 1));
}
