using System.Collections.Immutable;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>A whole file: its top-level statements (imports and declarations), with skipped text where they failed to parse.</summary>
public sealed record FileSyntax(TextSpan Span, ImmutableArray<SyntaxNode> Statements) : SyntaxNode(Span);
