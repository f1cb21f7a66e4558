using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Pidgin;
using TaxoNN.Language.Syntax;

namespace TaxoNN.Language.Parsing;

/// <summary>
/// The values after a statement's keyword: <c>Many(value)</c>, stopping where the next token cannot start a value
/// instead of trying a value there and failing, which <c>Many</c> does at the end of every statement. A value that
/// starts and then fails fails the list, as in <c>Many</c>; expectations of the final non-start are dropped, as
/// <c>Many</c> drops them when it succeeds.
/// </summary>
internal sealed class ValueListParser(Parser<Token, ValueSyntax> value) : Parser<Token, ImmutableArray<ValueSyntax>>
{
    public override bool TryParse(
        ref ParseState<Token> state,
        ref PooledList<Expected<Token>> expecteds,
        [MaybeNullWhen(false)] out ImmutableArray<ValueSyntax> result)
    {
        if (!state.HasCurrent || !ValueParser.CanStart(state.Current.Kind))
        {
            result = [];
            return true;
        }

        var values = ImmutableArray.CreateBuilder<ValueSyntax>(2);
        while (state.HasCurrent && ValueParser.CanStart(state.Current.Kind))
        {
            if (!value.TryParse(ref state, ref expecteds, out var item))
            {
                result = default;
                return false;
            }

            values.Add(item);
        }

        result = values.Count == values.Capacity ? values.MoveToImmutable() : values.ToImmutable();
        return true;
    }
}
