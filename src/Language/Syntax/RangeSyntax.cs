using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>An inclusive range of two numbers: <c>8..24</c>, <c>8 bits .. 24 bits</c>.</summary>
public sealed record RangeSyntax(TextSpan Span, NumberSyntax From, NumberSyntax To) : ValueSyntax(Span);
