using System.Collections.Immutable;
using TaxoNN.Language.Schema;
using TaxoNN.Language.Syntax;

namespace TaxoNN.Compiler.Binding;

/// <summary>
/// Reads typed values out of statements that the structure checker has already validated. Anything malformed was
/// reported there, so these helpers fall back to the default quietly rather than report it twice.
/// </summary>
internal static class SyntaxValues
{
    public static StatementSyntax? Find(BlockSyntax block, string keyword) =>
        block.Statements.OfType<StatementSyntax>().FirstOrDefault(s => s.Keyword.Name == keyword && s.Label is null);

    public static ValueSyntax? Single(StatementSyntax? statement) =>
        statement is { Values.Length: 1 } ? statement.Values[0] : null;

    public static string? Name(StatementSyntax? statement) => (Single(statement) as IdentifierSyntax)?.Name;

    public static string? Name(ValueSyntax? value) => (value as IdentifierSyntax)?.Name;

    public static long? Integer(ValueSyntax? value) => value is NumberSyntax { Unit: null } number ? number.IntegerValue : null;

    public static double? Number(ValueSyntax? value) =>
        value is NumberSyntax { Unit: null } number && double.IsFinite(number.Value) ? number.Value : null;

    public static bool? Boolean(ValueSyntax? value) => Name(value) switch
    {
        "on" or "true" => true,
        "off" or "false" => false,
        _ => null,
    };

    // A number with a unit of the given kinds, converted to the kind's base unit.
    public static (double Value, UnitKind Kind)? Quantity(ValueSyntax? value, params UnitKind[] kinds)
    {
        if (value is not NumberSyntax { Unit: { } unitSyntax } number || !double.IsFinite(number.Value))
        {
            return null;
        }

        var unit = Unit.Find(unitSyntax.Text);
        return unit is not null && kinds.Contains(unit.Kind) ? (number.Value * unit.Factor, unit.Kind) : null;
    }

    public static ImmutableArray<double>? NumberOrList(ValueSyntax? value) => value switch
    {
        NumberSyntax => Number(value) is { } one ? [one] : null,
        ListSyntax list when list.Items.All(i => Number(i) is not null) && list.Items.Length > 0 =>
            [.. list.Items.Select(i => Number(i)!.Value)],
        _ => null,
    };

    // A size written as one number or as height x width.
    public static (int Height, int Width)? Pair(ValueSyntax? value) => value switch
    {
        NumberSyntax when Integer(value) is { } n && n is >= 0 and <= int.MaxValue => ((int)n, (int)n),
        DimensionsSyntax { Sizes.Length: 2 } d when Integer(d.Sizes[0]) is { } h && Integer(d.Sizes[1]) is { } w
            && h is >= 0 and <= int.MaxValue && w is >= 0 and <= int.MaxValue => ((int)h, (int)w),
        _ => null,
    };
}
