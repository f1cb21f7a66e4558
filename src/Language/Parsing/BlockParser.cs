using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Pidgin;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Parsing;

/// <summary>
/// Parses <c>{ statements }</c>. It fails only when there is no '{'; a missing '}' is reported at the '{' and the
/// block still comes back, so that one forgotten brace does not cost the whole declaration.
/// </summary>
internal sealed class BlockParser(Parser<Token, ImmutableArray<SyntaxNode>> statements) : Parser<Token, BlockSyntax>
{
    private static readonly Expected<Token> OpenBrace = new("'{'");

    public override bool TryParse(
        ref ParseState<Token> state,
        ref PooledList<Expected<Token>> expecteds,
        [MaybeNullWhen(false)] out BlockSyntax result)
    {
        var open = state.Current;
        if (open.Kind != TokenKind.OpenBrace)
        {
            expecteds.Add(OpenBrace);
            state.SetError(Maybe.Just(open), open.Kind == TokenKind.EndOfFile, state.Location, null);
            result = null;
            return false;
        }

        state.Advance();
        if (!statements.TryParse(ref state, ref expecteds, out var items))
        {
            result = null;
            return false;
        }

        var close = state.Current;
        if (close.Kind == TokenKind.CloseBrace)
        {
            state.Advance();
            result = new BlockSyntax(TextSpan.FromBounds(open.Start, close.Span.End), items, true);
            return true;
        }

        ParseContext.Current.Report(open.Span, d => d.MissingCloseBrace());
        var end = items.Length > 0 ? items[^1].Span.End : open.Span.End;
        result = new BlockSyntax(TextSpan.FromBounds(open.Start, end), items, false);
        return true;
    }
}
