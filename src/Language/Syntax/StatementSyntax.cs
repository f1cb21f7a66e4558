using System.Collections.Immutable;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>
/// One statement: an optional label (<c>c1:</c>), a keyword, optional arguments in parentheses and the values that
/// follow on the same line, such as <c>c1: conv2d(filters: 6, kernel: 5)</c>, <c>clock 200 MHz</c> or
/// <c>network LeNet5 { ... }</c> (whose last value is a block).
/// </summary>
public sealed record StatementSyntax(
    TextSpan Span,
    IdentifierSyntax? Label,
    IdentifierSyntax Keyword,
    ArgumentListSyntax? Arguments,
    ImmutableArray<ValueSyntax> Values) : SyntaxNode(Span)
{
    /// <summary>The block that ends the statement, if its last value is one.</summary>
    public BlockSyntax? Body => Values.Length > 0 ? Values[^1] as BlockSyntax : null;
}
