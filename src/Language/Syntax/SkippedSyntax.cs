using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>Source that could not be parsed as a statement and was skipped; its diagnostic says why.</summary>
public sealed record SkippedSyntax(TextSpan Span, string Text) : SyntaxNode(Span);
