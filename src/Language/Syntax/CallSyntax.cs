using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>A name with arguments, used as a value: <c>fixed(16, 12)</c>.</summary>
public sealed record CallSyntax(TextSpan Span, IdentifierSyntax Name, ArgumentListSyntax Arguments) : ValueSyntax(Span);
