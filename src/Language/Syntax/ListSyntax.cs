using System.Collections.Immutable;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>Values in brackets, separated by commas: <c>[c1, c3]</c>.</summary>
public sealed record ListSyntax(TextSpan Span, ImmutableArray<ValueSyntax> Items) : ValueSyntax(Span);
