using TaxoNN.Language.Formatting;
using TaxoNN.Language.Parsing;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Tests.Formatting;

/// <summary>The promises of the formatter, checked on one tree: same meaning, same comments, idempotent, no new errors.</summary>
internal static class FormattingAssert
{
    /// <summary>Formats <paramref name="tree"/>, checks every promise and returns the formatted text.</summary>
    public static string RoundTrips(SyntaxTree tree)
    {
        Assert.True(Formatter.CanFormat(tree), $"The tree has syntax errors:\n{string.Join('\n', tree.Diagnostics)}");
        var formatted = Formatter.Format(tree);
        var reparsed = SyntaxParser.Parse(new SourceText(tree.Source.Path, formatted));

        Assert.True(Formatter.CanFormat(reparsed), $"The formatted text has syntax errors:\n{string.Join('\n', reparsed.Diagnostics)}\n--- formatted ---\n{formatted}");
        if (tree.Diagnostics.IsEmpty)
        {
            Assert.Empty(reparsed.Diagnostics);
        }

        Assert.Equal(SyntaxPrinter.Print(tree, includeSpans: false), SyntaxPrinter.Print(reparsed, includeSpans: false));
        Assert.Equal(CommentTexts(tree), CommentTexts(reparsed));
        Assert.Equal(formatted, Formatter.Format(reparsed));
        return formatted;
    }

    /// <summary>Parses <paramref name="text"/> (which must have no syntax errors) and formats it, checking every promise.</summary>
    public static string RoundTrips(string text) => RoundTrips(SyntaxParser.Parse(new SourceText("test.taxo", text)));

    // Line comments may lose trailing white space, nothing else.
    private static List<string> CommentTexts(SyntaxTree tree) =>
        [.. tree.Comments.Select(c => c.IsBlock ? c.Text : c.Text.TrimEnd())];
}
