using System.Numerics;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Tests.Numerics;

/// <summary>The counter-based generator: pinned values, purity, distinct inputs, and simple statistical checks.</summary>
public sealed class CounterRandomTests
{
    private const int Samples = 1 << 16;

    [Fact]
    public void Values_are_pinned_because_checkpoints_depend_on_them()
    {
        // SplitMix64's first output from state 0 is a published constant; the key of (0, 0, 0) is Mix(0) = 0.
        Assert.Equal(0xE220A8397B1DCDAFUL, new CounterRandom(0).Next(0, 0, 0));
        Assert.Equal(0x94EF9439E76AAA37UL, new CounterRandom(42).Next(7, 3, 1000));
        Assert.Equal(0x8F754A6291401F2BUL, new CounterRandom(1).Next(-1, -1, -1));
    }

    [Fact]
    public void A_draw_depends_only_on_its_four_inputs_whatever_the_order_of_draws()
    {
        var random = new CounterRandom(2024);
        var forward = Enumerable.Range(0, 100).Select(e => random.Next(5, 2, e)).ToArray();
        var backward = Enumerable.Range(0, 100).Reverse().Select(e => new CounterRandom(2024).Next(5, 2, e)).Reverse().ToArray();
        Assert.Equal(forward, backward);
        Assert.Equal(random.Next(5, 2, 17), CounterRandom.Draw(random.Key(5, 2), 17));
    }

    [Fact]
    public void Changing_any_one_input_changes_the_draw()
    {
        var seen = new HashSet<ulong>();
        for (ulong seed = 0; seed < 8; seed++)
        {
            for (long step = 0; step < 8; step++)
            {
                for (var tensor = 0; tensor < 8; tensor++)
                {
                    for (long element = 0; element < 8; element++)
                    {
                        Assert.True(seen.Add(new CounterRandom(seed).Next(step, tensor, element)));
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_bit_of_adjacent_elements_is_balanced(bool rounding)
    {
        var draw = DrawOf(rounding);
        var random = new CounterRandom(7);
        var key = random.Key(0, 0);
        var ones = new int[64];
        for (var e = 0; e < Samples; e++)
        {
            var bits = draw(key, e);
            for (var b = 0; b < 64; b++)
            {
                ones[b] += (int)((bits >> b) & 1);
            }
        }

        // Five standard deviations of a binomial(Samples, 1/2).
        var tolerance = 5 * Math.Sqrt(Samples) / 2;
        Assert.All(ones, count => Assert.InRange(count, (Samples / 2) - tolerance, (Samples / 2) + tolerance));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Top_bits_and_pairs_of_adjacent_elements_pass_a_chi_square_test(bool rounding)
    {
        var draw = DrawOf(rounding);
        var random = new CounterRandom(11);
        var key = random.Key(3, 1);
        var single = new int[256];
        var pairs = new int[256];
        var previous = draw(key, 0);
        for (var e = 1; e <= Samples; e++)
        {
            var current = draw(key, e);
            single[current >> 56]++;
            pairs[(int)((previous >> 60) << 4 | (current >> 60))]++;
            previous = current;
        }

        // 255 degrees of freedom: mean 255, standard deviation about 22.6; 350 is above four of them.
        Assert.InRange(ChiSquare(single), 150, 350);
        Assert.InRange(ChiSquare(pairs), 150, 350);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Neighbouring_elements_steps_and_tensors_differ_in_about_half_their_bits(bool rounding)
    {
        var random = new CounterRandom(99);
        var draw = DrawOf(rounding);
        ulong Next(long step, int tensor, long element) => draw(random.Key(step, tensor), element);
        double elements = 0, steps = 0, tensors = 0;
        const int Count = 4096;
        for (var i = 0; i < Count; i++)
        {
            var bits = Next(i, 0, i);
            elements += BitOperations.PopCount(bits ^ Next(i, 0, i + 1));
            steps += BitOperations.PopCount(bits ^ Next(i + 1, 0, i));
            tensors += BitOperations.PopCount(bits ^ Next(i, 1, i));
        }

        // A mean of 64 fair bits has standard deviation 4/sqrt(Count) = 0.0625.
        Assert.InRange(elements / Count, 31.7, 32.3);
        Assert.InRange(steps / Count, 31.7, 32.3);
        Assert.InRange(tensors / Count, 31.7, 32.3);
    }

    [Fact]
    public void Rounding_draws_are_pinned_and_each_half_is_a_bijection_of_the_element()
    {
        // The top half of element 0 under key 0 is lowbias32 of the Weyl increment 0x9E3779B9.
        Assert.Equal(Lowbias32(0x9E3779B9u), (uint)(CounterRandom.RoundingDraw(0, 0) >> 32));
        Assert.Equal(((ulong)Lowbias32(0x9E3779B9u) << 32) | Lowbias32(unchecked(0x9E3779B9u + 0x85EBCA6Bu)), CounterRandom.RoundingDraw(0, 0));
        var key = new CounterRandom(42).Key(7, 3);
        var high = new HashSet<uint>();
        var low = new HashSet<uint>();
        for (var e = 0; e < Samples; e++)
        {
            var bits = CounterRandom.RoundingDraw(key, e);
            Assert.True(high.Add((uint)(bits >> 32)));
            Assert.True(low.Add((uint)bits));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(1_000_003)]
    public void Lane_draws_are_the_rounding_draws_of_consecutive_elements(long first)
    {
        var key = new CounterRandom(3).Key(11, 2);
        var count = Vector<uint>.Count;
        var counter = LaneDraws.Start(first);
        for (var v = 0; v < 4; v++)
        {
            var high = LaneDraws.High(counter, key);
            LaneDraws.Wide(counter, key, full: true, out var wideLow, out var wideHigh);
            LaneDraws.Wide(counter, key, full: false, out var topLow, out var topHigh);
            for (var lane = 0; lane < count; lane++)
            {
                var expected = CounterRandom.RoundingDraw(key, first + (v * count) + lane);
                Assert.Equal((uint)(expected >> 32), high[lane]);
                var half = Vector<ulong>.Count;
                Assert.Equal(expected, lane < half ? wideLow[lane] : wideHigh[lane - half]);
                Assert.Equal(expected & 0xFFFFFFFF00000000UL, lane < half ? topLow[lane] : topHigh[lane - half]);
            }

            counter += LaneDraws.Step;
        }
    }

    private static Func<ulong, long, ulong> DrawOf(bool rounding) => rounding ? CounterRandom.RoundingDraw : CounterRandom.Draw;

    // Wellons' lowbias32, written out independently of the code under test.
    private static uint Lowbias32(uint x)
    {
        x ^= x >> 16;
        x *= 0x21F0AAADu;
        x ^= x >> 15;
        x *= 0x735A2D97u;
        return x ^ (x >> 15);
    }

    private static double ChiSquare(int[] counts)
    {
        var expected = counts.Sum() / (double)counts.Length;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
