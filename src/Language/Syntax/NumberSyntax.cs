using System.Globalization;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>A number as written, with an optional unit: <c>12</c>, <c>-3</c>, <c>0.01</c>, <c>1e-3</c>, <c>108 KiB</c>.</summary>
public sealed record NumberSyntax(TextSpan Span, string Text, UnitSyntax? Unit) : ValueSyntax(Span)
{
    /// <summary>Whether the number is written without a fraction or exponent.</summary>
    public bool IsInteger => Text.AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    /// <summary>The value as a 64-bit integer, when it is an integer that fits; the lexer reports those that do not.</summary>
    public long? IntegerValue =>
        IsInteger && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The value as a double (infinite when too large, which the lexer reports).</summary>
    public double Value =>
        double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
}
