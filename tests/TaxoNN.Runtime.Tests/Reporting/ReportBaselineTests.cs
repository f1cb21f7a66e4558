using TaxoNN.Compiler;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Runtime.Reporting;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.Reporting;

/// <summary>The text cost report of every baseline case with training set-ups (<c>main.report.txt</c>).</summary>
public sealed class ReportBaselineTests
{
    public static TheoryData<string> Cases => new(BaselineFolders.Names.Where(name => !BaselineFolders.IsInvalid(name)));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Report(string name)
    {
        var schedules = BaselineFolders.InFolder(name, () =>
        {
            var compilation = Compilation.Create(["main.taxo"]);
            return compilation.HasErrors ? [] : compilation.Steps().Select(Scheduler.Build).ToList();
        });
        var path = BaselineFolders.PathOf(name, "main.report.txt");
        var filter = $"FullyQualifiedName~TaxoNN.Runtime.Tests.Reporting.ReportBaselineTests&DisplayName~%22{name}%22";
        if (schedules.Count == 0)
        {
            if (Baseline.Accepting)
            {
                File.Delete(path);
            }

            Assert.False(File.Exists(path), $"'{name}' has no training set-up; delete its stale main.report.txt.");
            return;
        }

        Baseline.Match(TextCostReportEmitter.Emit(CostReport.Create(schedules)), path, filter, "tests/TaxoNN.Runtime.Tests");
    }
}
