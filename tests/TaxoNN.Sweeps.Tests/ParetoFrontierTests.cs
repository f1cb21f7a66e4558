using CsCheck;

namespace TaxoNN.Sweeps.Tests;

/// <summary>The Pareto frontier: dominance, ties, values that are not numbers, and the sweep against a plain pairwise check.</summary>
public sealed class ParetoFrontierTests
{
    [Fact]
    public void APointIsDominatedWhenAnotherIsNoWorseInBothAndBetterInOne()
    {
        Assert.True(ParetoFrontier.Dominates((1, 1), (2, 2)));
        Assert.True(ParetoFrontier.Dominates((1, 2), (2, 2)));
        Assert.True(ParetoFrontier.Dominates((2, 1), (2, 2)));
        Assert.False(ParetoFrontier.Dominates((2, 2), (2, 2)));
        Assert.False(ParetoFrontier.Dominates((1, 3), (2, 2)));
    }

    [Fact]
    public void TheFrontierKeepsTheTradeOffsAndTiesAndDropsTheRest()
    {
        (double, double)[] points = [(4, 1), (1, 4), (2, 2), (3, 3), (2, 2), (2, 5), (5, 1), (double.NaN, 0), (0, double.PositiveInfinity)];

        var frontier = ParetoFrontier.OnFrontier(points);

        // (3, 3) and (2, 5) lose to (2, 2); (5, 1) to (4, 1); the two (2, 2) do not dominate each other.
        Assert.Equal("1 1 1 0 1 0 0 0 0", string.Join(' ', frontier.Select(f => f ? 1 : 0)));
    }

    [Fact]
    public void TheFrontierIsWhatAPairwiseCheckFinds()
    {
        var coordinate = Gen.Int[0, 6].Select(i => (double)i);
        Gen.Select(coordinate, coordinate).Array[0, 30].Sample(points =>
        {
            var expected = points.Select(p => !points.Any(q => ParetoFrontier.Dominates(q, p))).ToArray();
            Assert.Equal(expected, ParetoFrontier.OnFrontier(points));
        });
    }
}
