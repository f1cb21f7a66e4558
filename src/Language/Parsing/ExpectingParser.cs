using System.Diagnostics.CodeAnalysis;
using Pidgin;
using TaxoNN.Language.Syntax;

namespace TaxoNN.Language.Parsing;

/// <summary>
/// Names what a parser expects, the way Parsec's label does: only when the parser fails without consuming
/// anything. Pidgin's <c>Labelled</c> replaces the expectations even after a deeper failure, which would turn
/// "expected a number after 'x'" into "expected a value"; that is why this small combinator exists.
/// </summary>
internal sealed class ExpectingParser<T>(Parser<Token, T> parser, string label) : Parser<Token, T>
{
    private readonly Expected<Token> expected = new(label);

    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out T result)
    {
        var start = state.Location;
        var children = new PooledList<Expected<Token>>(state.Configuration.ArrayPoolProvider.GetArrayPool<Expected<Token>>());
        var success = parser.TryParse(ref state, ref children, out result);
        if (!success)
        {
            if (state.Location == start)
            {
                expecteds.Add(expected);
            }
            else
            {
                expecteds.AddRange(children.AsSpan());
            }
        }

        children.Dispose();
        return success;
    }
}

/// <summary>The <see cref="ExpectingParser{T}"/> as an extension method.</summary>
internal static class ExpectingExtensions
{
    public static Parser<Token, T> Expecting<T>(this Parser<Token, T> parser, string label) => new ExpectingParser<T>(parser, label);
}
