using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>A node of the immutable syntax tree; every node knows the span of source it came from.</summary>
public abstract record SyntaxNode(TextSpan Span);
