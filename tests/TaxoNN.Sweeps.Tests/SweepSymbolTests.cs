using TaxoNN.Compiler;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Sweeps.Tests;

/// <summary>The bound sweep: its grid, and how each axis's value is put into the set-up.</summary>
public sealed class SweepSymbolTests
{
    private static SweepSymbol Bind(string settings, string axes)
    {
        var provider = new InMemorySourceProvider(new Dictionary<string, string>
        {
            ["main.taxo"] = Workspace.Setup + $"sweep S {{\n  training T\n{settings}\n  axes {{\n{axes}\n  }}\n}}\n",
        });
        var compilation = Compilation.Create(["main.taxo"], provider);
        Assert.Empty(compilation.Diagnostics);
        return Assert.Single(compilation.Model.Sweeps);
    }

    [Fact]
    public void TheGridIsTheProductOfTheAxesWithTheLastVaryingFastest()
    {
        var sweep = Bind("", "pe_array [4 x 4, 8 x 8]\nall 12..14\nlearning_rate [0.01, 0.02]");

        Assert.Equal(12, sweep.PointCount);
        Assert.Equal(["4 x 4", "12", "0.01"], sweep.Point(0).Values.Select(v => v.Text));
        Assert.Equal(["4 x 4", "12", "0.02"], sweep.Point(1).Values.Select(v => v.Text));
        Assert.Equal(["8 x 8", "14", "0.02"], sweep.Point(11).Values.Select(v => v.Text));
        Assert.Equal(12, sweep.Points().Select(p => string.Join("|", p.Values.Select(v => v.Text))).Distinct().Count());
    }

    [Fact]
    public void AWidthKeepsTheIntegerBitsOfEachResolvedFormat()
    {
        var sweep = Bind("", "all [12]");
        var setup = sweep.Apply(sweep.Point(0));
        var c1 = setup.Network.Find("c1")!;

        Assert.Equal(new FixedFormat(12, 8), setup.PrecisionOf(c1).Forward.Format);
        Assert.Equal(new FixedFormat(12, 11), setup.PrecisionOf(c1).Error.Format);
        Assert.Equal(new FixedFormat(12, 10), setup.PrecisionOf(c1).WeightGradient.Format);
        Assert.Equal(new FixedFormat(12, 11), setup.PrecisionOf(c1).Update.Format);
        Assert.Equal(new FixedFormat(12, 8), setup.Input.Format);
        Assert.Equal(RoundingMode.Stochastic, setup.PrecisionOf(c1).Update.Rounding);
    }

    [Fact]
    public void TheMostSpecificAxisWinsAndRoundingsAndSettingsApply()
    {
        var sweep = Bind("", "all [12]\nforward [14]\nlayer c1 { forward [fixed(10, 6)]; rounding update [nearest_even] }\npe_array 8 x 6\nglobal_buffer 2 KiB\nseed 3");
        var setup = sweep.Apply(sweep.Point(0));
        var c1 = setup.Network.Find("c1")!;
        var f3 = setup.Network.Find("f3")!;

        Assert.Equal(new FixedFormat(10, 6), setup.PrecisionOf(c1).Forward.Format);
        Assert.Equal(new FixedFormat(14, 10), setup.PrecisionOf(f3).Forward.Format);
        Assert.Equal(new FixedFormat(12, 11), setup.PrecisionOf(f3).Error.Format);
        Assert.Equal(RoundingMode.NearestEven, setup.PrecisionOf(c1).Update.Rounding);
        Assert.Equal(RoundingMode.Stochastic, setup.PrecisionOf(f3).Update.Rounding);
        Assert.Equal((8, 6), (setup.Accelerator.Rows, setup.Accelerator.Columns));
        Assert.Equal(2048, setup.Accelerator.GlobalBufferBytes);
        Assert.Equal(3, setup.Seed);
        Assert.Equal(sweep.Training.Network, setup.Network);
    }

    [Fact]
    public void DefaultsAreEveryMetricNoBudgetAndNoLimit()
    {
        var sweep = Bind("", "all 12..16");

        Assert.Equal(["misclassification", "cycles", "energy", "area", "power"], sweep.Metrics.ToArray());
        Assert.Null(sweep.Budget);
        Assert.Null(sweep.Limit);
        Assert.Equal(5, sweep.PointCount);
    }
}
