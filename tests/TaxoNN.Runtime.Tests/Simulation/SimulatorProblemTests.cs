using TaxoNN.Compiler.Scheduling;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Runtime.Simulation;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.Simulation;

/// <summary>A schedule that cannot run on its array, or a step past its cycle budget, is a diagnostic, never a hang.</summary>
public sealed class SimulatorProblemTests
{
    private static Schedule LeNet() => Scheduler.Build(Agreement.Example("lenet5-mnist.taxo"));

    private static Schedule WithFirstMapping(Schedule schedule, Func<Compiler.Mapping.RowStationaryMapping, Compiler.Mapping.RowStationaryMapping> change)
    {
        var first = schedule.Ops[0];
        var changed = first with { Cost = first.Cost with { Mapping = change(first.Cost.Mapping!) } };
        return schedule with { Ops = schedule.Ops.SetItem(0, changed) };
    }

    private static SimulatedStep OneStep(Simulator simulator, Schedule schedule)
    {
        var training = schedule.Step.Training;
        var values = new float[training.Network.Input.Elements];
        var labels = new int[1];
        SyntheticSamples.Fill(training.Seed, 0, values, labels, 10);
        return simulator.Step(values, labels);
    }

    [Fact]
    public void SetsLargerThanTheArrayAreTaxo6001AtTheLayer()
    {
        var (simulator, diagnostics) = Simulator.Create(WithFirstMapping(LeNet(), m => m with { SetsDown = 99 }));

        Assert.Null(simulator);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TAXO6001", diagnostic.Code);
        Assert.Contains("'c1.forward'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("the array has 12 x 14", diagnostic.Message, StringComparison.Ordinal);
        Assert.Matches(@"lenet5-mnist\.taxo\(7,3\): error TAXO6001", diagnostic.ToString());
    }

    [Fact]
    public void MoreFiltersPerPeThanTheFilterSpadHoldsAreTaxo6002()
    {
        var (simulator, diagnostics) = Simulator.Create(WithFirstMapping(LeNet(), m => m with { FiltersPerPe = 60 }));

        Assert.Null(simulator);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TAXO6002", diagnostic.Code);
        Assert.Contains("filter spad, which holds 224", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStepPastItsCycleBudgetStopsWithTaxo6003()
    {
        var schedule = LeNet();
        var (simulator, _) = Simulator.Create(schedule, new SimulatorOptions { CycleBudget = 1_000 });

        var step = OneStep(simulator!, schedule);

        Assert.False(step.Completed);
        Assert.Equal("TAXO6003", Assert.Single(step.Diagnostics).Code);
        Assert.True(step.TotalCycles <= 1_000);
    }

    [Fact]
    public void TrainingOpsOnInferenceOnlyPesAreTaxo6004()
    {
        var (simulator, diagnostics) = Simulator.Create(LeNet(), new SimulatorOptions { PeKind = PeKind.InferenceOnly });

        Assert.Null(simulator);
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal("TAXO6004", d.Code));
        Assert.Contains(diagnostics, d => d.Message.Contains("'loss.output_error'", StringComparison.Ordinal));
    }

    [Fact]
    public void InferenceOnlyPesRunTheForwardPassAsScheduled()
    {
        var compilation = Compiler.Compilation.Create([Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")], inference: true);
        var schedule = Scheduler.Build(Assert.Single(compilation.RootSteps()));
        var (simulator, diagnostics) = Simulator.Create(schedule, new SimulatorOptions { PeKind = PeKind.InferenceOnly });
        Assert.Empty(diagnostics);

        var step = OneStep(simulator!, schedule);

        Assert.True(step.Completed);
        Assert.Null(ScheduleAgreement.FirstDifference(schedule, step));
        Assert.Equal(schedule.TotalCycles, step.TotalCycles);
    }

    [Fact]
    public void AStopRequestEndsTheStepBetweenOps()
    {
        var schedule = LeNet();
        var (simulator, _) = Simulator.Create(schedule);
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        var values = new float[784];

        var step = simulator!.Step(values, [0], cancel: stop.Token);

        Assert.True(step.Stopped);
        Assert.Empty(step.Ops);
    }

    [Fact]
    public void EverySimulatorCodeIsProducedHereAndDocumentedUnderItsHeading()
    {
        var codes = DiagnosticDescriptors.RuntimePhase.Select(d => d.Code).Where(c => c.StartsWith("TAXO60", StringComparison.Ordinal)).ToArray();
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Docs, "diagnostics.md"));
        var heading = Array.IndexOf(lines, "## 60xx: the cycle-accurate simulator");

        Assert.Equal(["TAXO6001", "TAXO6002", "TAXO6003", "TAXO6004"], codes);
        Assert.True(heading > 0);
        Assert.All(DiagnosticDescriptors.All.Where(d => codes.Contains(d.Code)), d => Assert.True(Array.IndexOf(lines, $"### {d.Code}: {d.Title}") > heading, d.Code));
    }
}
