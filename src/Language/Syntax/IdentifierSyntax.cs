using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>A name, used as a keyword, a label, an argument name or a value such as <c>relu</c> or <c>on</c>.</summary>
public sealed record IdentifierSyntax(TextSpan Span, string Name) : ValueSyntax(Span);
