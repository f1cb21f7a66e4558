using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>A value in a statement, argument or list.</summary>
public abstract record ValueSyntax(TextSpan Span) : SyntaxNode(Span);
