using System.Collections.Immutable;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>Statements in braces, one per line. <see cref="IsClosed"/> is false when the file ended before the '}'.</summary>
public sealed record BlockSyntax(TextSpan Span, ImmutableArray<SyntaxNode> Statements, bool IsClosed) : ValueSyntax(Span);
