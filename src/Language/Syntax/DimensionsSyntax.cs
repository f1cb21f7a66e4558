using System.Collections.Immutable;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>Sizes joined by 'x': <c>12 x 14</c>, <c>1 x 28 x 28</c>.</summary>
public sealed record DimensionsSyntax(TextSpan Span, ImmutableArray<NumberSyntax> Sizes) : ValueSyntax(Span);
