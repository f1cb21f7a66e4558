using System.Collections.Immutable;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>Arguments in parentheses, separated by commas: <c>(filters: 6, kernel: 5)</c>.</summary>
public sealed record ArgumentListSyntax(TextSpan Span, ImmutableArray<ArgumentSyntax> Arguments) : SyntaxNode(Span);
