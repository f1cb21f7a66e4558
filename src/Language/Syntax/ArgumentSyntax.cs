using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>One argument, named (<c>kernel: 5</c>) or positional (<c>16</c>).</summary>
public sealed record ArgumentSyntax(TextSpan Span, IdentifierSyntax? Name, ValueSyntax Value) : SyntaxNode(Span);
