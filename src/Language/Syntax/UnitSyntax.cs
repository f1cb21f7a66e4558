using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>The unit after a number: one name (<c>MHz</c>) or a ratio of two (<c>words/cycle</c>).</summary>
public sealed record UnitSyntax(TextSpan Span, string Numerator, string? Denominator) : SyntaxNode(Span)
{
    /// <summary>The unit as written canonically, such as <c>words/cycle</c>.</summary>
    public string Text => Denominator is null ? Numerator : $"{Numerator}/{Denominator}";
}
