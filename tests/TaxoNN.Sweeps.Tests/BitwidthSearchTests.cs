using TaxoNN.Compiler;
using TaxoNN.Sweeps.Search;

namespace TaxoNN.Sweeps.Tests;

/// <summary>The per-layer, per-pass bitwidth search: fewer trainings than the grid, choices within the budget, costs.</summary>
public sealed class BitwidthSearchTests
{
    [Fact]
    public void AGenerousBudgetNarrowsEveryGroupToTheNarrowestWidthThePesExecuteInFewTrainings()
    {
        using var work = new Workspace();
        var file = work.Write("t.taxo", Workspace.Setup);
        var training = Assert.Single(Compilation.Create([file]).Model.Trainings);

        var report = BitwidthSearch.Run(training, SweepData.Load(training), 100, 300, 16);

        Assert.Equal(["input", "c1 forward", "c1 error", "c1 weight_gradient", "c1 update", "f3 forward", "f3 error", "f3 weight_gradient", "f3 update"],
            BitwidthSearch.Groups(training).Select(g => g.Key));
        Assert.All(report.Choices, c => Assert.Equal(training.Accelerator.MinPeBits, c.Bits));
        Assert.Equal(9 * 3 + 1, report.Trials.Length);
        Assert.True(report.Trials.Length + 1 < report.GridTrainings);
        Assert.All(report.Trials, t => Assert.True(t.WithinBudget));
        Assert.Equal("fixed(8, 7)", report.Choices.Single(c => c.Stage == "c1" && c.Pass == "error").Format);
        Assert.True(report.Cost.AreaSaving > report.Cost.FullPrecision.Area / report.Cost.Uniform16.Area);
        Assert.True(report.Cost.PowerSaving > 1);
    }

    [Fact]
    public void ANarrowingOutsideTheBudgetIsUndoneAndTheSearchMovesOn()
    {
        using var work = new Workspace();
        var file = work.Write("t.taxo", Workspace.Setup);
        var training = Assert.Single(Compilation.Create([file]).Model.Trainings);

        var report = BitwidthSearch.Run(training, SweepData.Load(training), 0.5, 300, 16);

        Assert.False(report.StartOutsideBudget && report.Choices.Any(c => c.Bits < 16));
        Assert.True((report.ChosenMisclassification - report.FloatMisclassification) * 100 <= 0.5 || report.StartOutsideBudget);
        foreach (var trial in report.Trials)
        {
            Assert.Equal((trial.Misclassification - report.FloatMisclassification) * 100 <= 0.5, trial.WithinBudget);
        }
    }

    [Fact]
    public void TheCommandPrintsATableOfWidthsTheTrainingsAndTheSavings()
    {
        using var work = new Workspace();
        var file = work.WriteSweep("s.taxo", "  limit 300\n  budget 100 pp", "all [16]");

        var result = Taxo.Run("sweep", "bitwidths", file);
        var usage = Taxo.Run("sweep", "bitwidths", file, "--budget", "lots");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("stage    forward        error          weight_gradient  update", result.Out, StringComparison.Ordinal);
        Assert.Contains("c1       8 (8, 4)", result.Out, StringComparison.Ordinal);
        Assert.Contains("trainings: 29 (with the float32 reference)", result.Out, StringComparison.Ordinal);
        Assert.Contains("x saved; uniform 16 bits", result.Out, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
    }
}
