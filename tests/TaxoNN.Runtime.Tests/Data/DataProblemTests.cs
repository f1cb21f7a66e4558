using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Tests.Data;

/// <summary>Bad data folders give their code as a diagnostic that names the file, never an exception.</summary>
public sealed class DataProblemTests
{
    [Theory]
    [MemberData(nameof(DataProblemCases.Names), MemberType = typeof(DataProblemCases))]
    public void EachProblemGivesItsCode(string name)
    {
        var problem = DataProblemCases.Find(name);
        using var folder = new TempFolder();

        var result = problem.Run(folder);

        Assert.False(result.Succeeded);
        Assert.Contains(problem.Code, result.Diagnostics.Select(d => d.Code));
        Assert.All(result.Diagnostics, d =>
        {
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.StartsWith($"{d.Source.Path}(1,1): error {d.Code}: ", d.ToString(), StringComparison.Ordinal);
            Assert.Matches("'[^']+'", d.Message);
            Assert.EndsWith(".", d.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EveryDataCodeIsProducedByACase()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var problem in DataProblemCases.All)
        {
            using var folder = new TempFolder();
            seen.UnionWith(problem.Run(folder).Diagnostics.Select(d => d.Code));
        }

        var data = DiagnosticDescriptors.RuntimePhase
            .Select(d => d.Code)
            .Where(c => string.CompareOrdinal(c, "TAXO5001") >= 0 && string.CompareOrdinal(c, "TAXO5049") <= 0)
            .ToArray();

        Assert.Equal(17, data.Length);
        Assert.All(data, code => Assert.Contains(code, seen));
    }

    [Fact]
    public void AMissingFolderIsOneDiagnosticThatNamesIt()
    {
        using var folder = new TempFolder();

        var result = DataProblemCases.Find("idx: the folder does not exist").Run(folder);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(folder.Path + "-missing", diagnostic.Source.Path);
        Assert.Equal("TAXO5001", diagnostic.Code);
        Assert.Contains("does not exist", diagnostic.Message, StringComparison.Ordinal);
    }
}
