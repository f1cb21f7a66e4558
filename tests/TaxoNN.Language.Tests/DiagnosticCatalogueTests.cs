using System.Text.RegularExpressions;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Language.Tests;

/// <summary>The catalogue of codes (STYLE.md item 4): unique, well formed, and each documented in docs/diagnostics.md.</summary>
public sealed partial class DiagnosticCatalogueTests
{
    private static readonly string[] Documentation = File.ReadAllLines(Path.Combine(RepositoryPaths.Docs, "diagnostics.md"));

    [Fact]
    public void CodesAreUnique()
    {
        var duplicates = DiagnosticDescriptors.All.GroupBy(d => d.Code).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void CodesAreTaxoAndFourDigits() =>
        Assert.All(DiagnosticDescriptors.All, d => Assert.Matches(CodePattern(), d.Code));

    [Fact]
    public void TitlesAreShortSentencesWithoutAFullStop() =>
        Assert.All(DiagnosticDescriptors.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.True(char.IsUpper(d.Title[0]), d.Title);
            Assert.False(d.Title.EndsWith('.'), d.Title);
        });

    [Fact]
    public void EveryCodeHasASectionWithItsTitle()
    {
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Contains($"### {descriptor.Code}: {descriptor.Title}", Documentation);
        }
    }

    [Fact]
    public void TheDocumentationNamesNoCodeThatDoesNotExist()
    {
        var known = DiagnosticDescriptors.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var named = Documentation.SelectMany(line => AnyCode().Matches(line)).Select(m => m.Value).Distinct();

        Assert.All(named, code => Assert.Contains(code, known));
    }

    [Fact]
    public void EachCodeIsDocumentedOnceUnderItsRange()
    {
        var range = string.Empty;
        var seen = new List<string>();
        foreach (var line in Documentation)
        {
            var heading = RangeHeading().Match(line);
            if (heading.Success)
            {
                range = heading.Groups["digits"].Value;
            }
            else if (line.StartsWith("### TAXO", StringComparison.Ordinal))
            {
                var code = line[4..12];
                Assert.StartsWith("TAXO" + range, code, StringComparison.Ordinal);
                seen.Add(code);
            }
        }

        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Code), seen);
    }

    [GeneratedRegex("^TAXO[0-9]{4}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("TAXO[0-9]{4}")]
    private static partial Regex AnyCode();

    [GeneratedRegex("^## (?<digits>[0-9]{2})xx")]
    private static partial Regex RangeHeading();
}
