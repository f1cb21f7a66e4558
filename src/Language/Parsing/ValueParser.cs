using System.Diagnostics.CodeAnalysis;
using Pidgin;
using TaxoNN.Language.Syntax;

namespace TaxoNN.Language.Parsing;

/// <summary>
/// Parses one value, choosing the production by the kind of its first token, as <c>OneOf</c> over the five
/// productions would (each starts with a token kind of its own, so at most one can succeed). <c>OneOf</c> tries and
/// fails the others first, and every failure rents a list of expectations from the array pool; on large files that
/// was a fifth of the parse time.
/// </summary>
internal sealed class ValueParser(
    Parser<Token, ValueSyntax> number,
    Parser<Token, ValueSyntax> text,
    Parser<Token, ValueSyntax> nameOrCall,
    Parser<Token, ValueSyntax> list,
    Parser<Token, ValueSyntax> block) : Parser<Token, ValueSyntax>
{
    private static readonly Expected<Token> Expected = new(Labels.Value);

    /// <summary>Whether a value can start with a token of <paramref name="kind"/>.</summary>
    public static bool CanStart(TokenKind kind) =>
        kind is TokenKind.Number or TokenKind.String or TokenKind.Identifier or TokenKind.OpenBracket or TokenKind.OpenBrace;

    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out ValueSyntax result)
    {
        var parser = state.HasCurrent
            ? state.Current.Kind switch
            {
                TokenKind.Number => number,
                TokenKind.String => text,
                TokenKind.Identifier => nameOrCall,
                TokenKind.OpenBracket => list,
                TokenKind.OpenBrace => block,
                _ => null,
            }
            : null;
        if (parser is null)
        {
            // What ExpectingParser reports for a production that fails without consuming: only its own label.
            expecteds.Add(Expected);
            state.SetError(state.HasCurrent ? Maybe.Just(state.Current) : Maybe.Nothing<Token>(), !state.HasCurrent, state.Location, null);
            result = null;
            return false;
        }

        return parser.TryParse(ref state, ref expecteds, out result);
    }
}
