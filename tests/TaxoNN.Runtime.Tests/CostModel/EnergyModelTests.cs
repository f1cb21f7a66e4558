using TaxoNN.Compiler;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Runtime.CostModel;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.CostModel;

/// <summary>Energy per step from access counts, its scaling with the word width, its units and its breakdowns.</summary>
public sealed class EnergyModelTests
{
    private const string Setup = """
        accelerator A {
          pe_array 4 x 4
          global_buffer 16 KiB
          clock 100 MHz
          ENERGY
        }
        network N {
          input 1 x 28 x 28
          c1: conv2d(filters: 2, kernel: 5)
          r1: relu
          s2: maxpool(kernel: 2)
          flat: flatten
          f3: dense(units: 10)
          loss softmax_cross_entropy
        }
        training T {
          network N
          accelerator A
          data mnist
          learning_rate 0.01
          precision { default fixed(BITS, 10) }
        }
        """;

    private static Schedule Compile(int bits = 16, string energy = "", bool fuse = true)
    {
        var text = Setup.Replace("ENERGY", energy, StringComparison.Ordinal).Replace("BITS", bits.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(new Dictionary<string, string> { ["main.taxo"] = text }), fuse);
        Assert.Empty(compilation.Diagnostics);
        return Scheduler.Build(compilation.Steps().Single());
    }

    [Fact]
    public void AtSixteenBitsEachOpCostsItsAccessesTimesEyerisssNormalisedCosts()
    {
        var schedule = Compile();
        var energy = EnergyModel.Compute(schedule, Design.TaxoNN);

        Assert.Equal("MAC16", energy.Unit);
        foreach (var (scheduled, op) in schedule.Ops.Zip(energy.Ops))
        {
            var a = scheduled.Cost.Accesses;
            var expected = scheduled.Op.StepMacs + a.RegisterFile + (2.0 * a.InterPe) + (6.0 * a.GlobalBuffer) + (200.0 * a.Dram);
            Assert.Equal(16, op.WordBits);
            Assert.Equal(expected, op.Energy.Total, 6);
        }

        var forward = schedule.Ops.Single(o => o.Op.Name == "c1.forward");
        Assert.Equal(
            forward.Op.StepMacs + forward.Cost.Accesses.RegisterFile + (2.0 * forward.Cost.Accesses.InterPe) + (6.0 * forward.Cost.Accesses.GlobalBuffer) + (200.0 * forward.Cost.Accesses.Dram),
            energy.Ops.Single(o => o.Op.Name == "c1.forward").Energy.Total,
            6);
        Assert.Equal(energy.Ops.Sum(o => o.Energy.Total), energy.Total, 6);
    }

    [Fact]
    public void InsideAPeEnergyFollowsThePowerTableAndOutsideItTheBitsMoved()
    {
        var schedule = Compile();
        var narrow = EnergyModel.Compute(schedule, Design.Eyeriss, uniformBits: 13).ByLevel;
        var wide = EnergyModel.Compute(schedule, Design.Eyeriss, uniformBits: 21).ByLevel;

        Assert.Equal(4.54 / 3.75, (wide.Mac + wide.RegisterFile) / (narrow.Mac + narrow.RegisterFile), 9);
        Assert.Equal(21.0 / 13.0, (wide.InterPe + wide.GlobalBuffer + wide.Dram) / (narrow.InterPe + narrow.GlobalBuffer + narrow.Dram), 9);
    }

    [Fact]
    public void AMacInPicojoulesMakesEveryRelativeEntryAMultipleOfIt()
    {
        var relative = EnergyModel.Compute(Compile(), Design.TaxoNN);
        var absolute = EnergyModel.Compute(Compile(energy: "energy { mac 0.25 pJ }"), Design.TaxoNN);

        Assert.Equal("pJ", absolute.Unit);
        Assert.Equal(relative.Total * 0.25, absolute.Total, 3);
    }

    [Fact]
    public void PerSampleAndPerEpochFollowTheBatchAndTheDataSet()
    {
        var energy = EnergyModel.Compute(Compile(), Design.TaxoNN);

        Assert.Equal(energy.Total, energy.PerSample, 6);
        Assert.Equal(60_000, energy.StepsPerEpoch);
        Assert.Equal(energy.Total * 60_000, energy.PerEpoch, 3);
        Assert.Equal(energy.Total, energy.ByKind.Sum(k => k.Energy.Total), 6);
        Assert.Contains(energy.ByKind, k => k.Kind == OpKind.FusedErrorUpdate);
    }

    [Fact]
    public void FusionSavesEnergyAndNarrowerFormatsCostLess()
    {
        var fused = SetupCostModel.Compute(Compile());
        Assert.True(fused.FusionEnergySaving > 0);
        Assert.Null(SetupCostModel.Compute(Compile(fuse: false)).UnfusedEnergy);

        var twelve = SetupCostModel.Compute(Compile(bits: 12));
        Assert.Equal(12, twelve.Formats.AreaBits);
        Assert.True(twelve.Formats.Area < twelve.Uniform16.Area);
        Assert.True(twelve.Formats.Power < twelve.Uniform16.Power);
        Assert.True(twelve.Formats.Energy.Total < twelve.Uniform16.Energy.Total);
        Assert.True(twelve.FullPrecision.Extrapolated);
        Assert.True(twelve.AreaSaving > 1 && twelve.PowerSaving > 1 && twelve.EnergySaving > 1);
        Assert.Equal((1.7, 2.1), twelve.PaperClaim);
    }

    [Fact]
    public void TheExampleAtSixteenBitsCostsTheSameAsUniformSixteenBits()
    {
        var schedule = Scheduler.Build(Compilation.Create([Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")]).Steps().Single());
        var cost = SetupCostModel.Compute(schedule);

        Assert.Equal(Design.TaxoNN, cost.Formats.Design);
        Assert.Equal(16, cost.Formats.AreaBits);
        Assert.Equal(cost.Uniform16.Area, cost.Formats.Area, 9);
        Assert.Equal(cost.Uniform16.Power, cost.Formats.Power, 9);
        Assert.Equal(cost.Uniform16.Energy.Total, cost.Formats.Energy.Total, 3);
        Assert.Equal(168 * PaperTables.Value(Design.TaxoNN, CostQuantity.Area, 16), cost.Formats.Area, 9);
    }

    [Fact]
    public void TheWorkedExampleOfTheDocs()
    {
        var text = """
            accelerator Small {
              pe_array 3 x 4
              global_buffer 16 KiB
              global_buffer_bandwidth 4 words/cycle
              dram_bandwidth 4 words/cycle
              clock 100 MHz
            }
            network N {
              input 1 x 28 x 28
              s0: maxpool(kernel: 5, stride: 5, padding: 1)
              c1: conv2d(filters: 2, kernel: 3, bias: off)
              flat: flatten
              out: dense(units: 10, bias: off)
              loss softmax_cross_entropy
            }
            training T {
              network N
              accelerator Small
              data mnist
              learning_rate 0.01
            }
            """;
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(new Dictionary<string, string> { ["main.taxo"] = text }));
        var schedule = Scheduler.Build(compilation.Steps().Single());

        var at16 = EnergyModel.Compute(schedule, Design.TaxoNN).Ops.Single(o => o.Op.Name == "c1.forward").Energy.Total;
        var at14 = EnergyModel.Compute(schedule, Design.Eyeriss, uniformBits: 14).Ops.Single(o => o.Op.Name == "c1.forward").Energy.Total;

        Assert.Equal(12_228, at16, 9);
        Assert.Equal(10_812.505, at14, 3);
    }
}
