using TaxoNN.Compiler.Emit;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Compiler.Tests;

/// <summary>
/// The compiler's baselines: every case's full diagnostics as <c>taxo check</c> prints them
/// (<c>main.diagnostics.txt</c>, owned here; the language tests check their part of it) and, for cases with
/// training set-ups, the text schedule of each (<c>main.schedule.txt</c>).
/// </summary>
public sealed class CompilerBaselineTests
{
    public static TheoryData<string> Cases => new(BaselineFolders.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostics(string name)
    {
        var testCase = CompilerCase.Get(name);
        var diagnostics = testCase.Compile().Diagnostics;
        foreach (var diagnostic in diagnostics)
        {
            Assert.True(diagnostic.Span.IsInside(diagnostic.Source.Length), $"{diagnostic} has a span outside its file.");
        }

        if (testCase.IsInvalid)
        {
            Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }
        else
        {
            Assert.Empty(diagnostics);
        }

        var text = string.Concat(diagnostics.Select(d => d + "\n"));
        Baseline.Match(text, testCase.PathOf("main.diagnostics.txt"), testCase.Filter("CompilerBaselineTests"), "tests/TaxoNN.Compiler.Tests");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Schedule(string name)
    {
        var testCase = CompilerCase.Get(name);
        var compilation = testCase.Compile();
        var path = testCase.PathOf("main.schedule.txt");
        var steps = compilation.HasErrors ? [] : compilation.Steps().ToList();
        if (steps.Count == 0)
        {
            if (Baseline.Accepting)
            {
                File.Delete(path);
            }

            Assert.False(File.Exists(path), $"'{name}' has no training set-up to schedule; delete its stale main.schedule.txt.");
            return;
        }

        var text = string.Join("\n", steps.Select(step => TextScheduleEmitter.Emit(Scheduler.Build(step))));
        Baseline.Match(text, path, testCase.Filter("CompilerBaselineTests"), "tests/TaxoNN.Compiler.Tests");
    }

    [Fact]
    public void InvalidCasesCoverEveryCompilerCode()
    {
        var covered = BaselineFolders.CodesOfInvalidCases();
        var compilerCodes = DiagnosticDescriptors.CompilerPhase.Select(d => d.Code);

        var missing = compilerCodes.Where(code => !covered.Contains(code)).ToList();
        Assert.True(missing.Count == 0, $"No Invalid case produces {string.Join(", ", missing)}.");
    }
}
