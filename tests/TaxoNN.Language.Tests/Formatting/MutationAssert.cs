using TaxoNN.Language.Formatting;
using TaxoNN.Language.Parsing;
using TaxoNN.Language.Schema;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Tests.Formatting;

/// <summary>What must hold for any text, however damaged: no exception, located diagnostics, and a faithful formatter.</summary>
internal static class MutationAssert
{
    public static void Holds(string text)
    {
        var tree = SyntaxParser.Parse(new SourceText("mutated.taxo", text));
        var structure = StructureChecker.Check(tree).Items;

        foreach (var diagnostic in tree.Diagnostics.Concat(structure))
        {
            Assert.True(diagnostic.Span.IsInside(text.Length), $"{diagnostic.Code} at {diagnostic.Span} lies outside a text of {text.Length} characters.");
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.ToString()));
        }

        if (tree.HasErrors)
        {
            Assert.NotEmpty(tree.Diagnostics);
        }

        if (!Formatter.CanFormat(tree))
        {
            return;
        }

        Assert.DoesNotContain(Nodes(tree.Root), n => n is SkippedSyntax || n is BlockSyntax { IsClosed: false });
        FormattingAssert.RoundTrips(tree);
    }

    private static IEnumerable<SyntaxNode> Nodes(SyntaxNode node)
    {
        yield return node;
        IEnumerable<SyntaxNode> children = node switch
        {
            FileSyntax file => file.Statements,
            BlockSyntax block => block.Statements,
            StatementSyntax statement => [.. statement.Arguments is null ? [] : new SyntaxNode[] { statement.Arguments }, .. statement.Values],
            ArgumentListSyntax arguments => arguments.Arguments.Select(a => a.Value),
            CallSyntax call => [call.Arguments],
            ListSyntax list => list.Items,
            _ => [],
        };
        foreach (var child in children.SelectMany(Nodes))
        {
            yield return child;
        }
    }
}
