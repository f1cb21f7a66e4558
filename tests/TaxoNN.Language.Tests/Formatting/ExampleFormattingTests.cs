using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using TaxoNN.Language.Parsing;
using TaxoNN.Language.Text;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Language.Tests.Formatting;

public sealed class ExampleFormattingTests
{
    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(RepositoryPaths.Examples, "*.taxo").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    [Fact]
    public void ThereAreExamples() => Assert.True(Examples().Count >= 5);

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryExampleIsAlreadyCanonical(string name)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, name));
        var tree = SyntaxParser.Parse(new SourceText(name, text));
        Assert.Empty(tree.Diagnostics);

        var formatted = FormattingAssert.RoundTrips(tree);
        Assert.True(formatted == text, $"examples/{name} is not in canonical form (rewrite it with Formatter.Format):\n{Diff(text, formatted)}");
    }

    private static string Diff(string before, string after)
    {
        var builder = new StringBuilder();
        foreach (var line in InlineDiffBuilder.Diff(before, after).Lines)
        {
            var mark = line.Type switch { ChangeType.Inserted => "+ ", ChangeType.Deleted => "- ", _ => "  " };
            builder.Append(mark).Append(line.Text).Append('\n');
        }

        return builder.ToString();
    }
}
