using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.SourceGen.Emit;

/// <summary>C# literals and expressions for the values of bound symbols; numbers round-trip exactly.</summary>
internal static class CSharpLiterals
{
    /// <summary>The semantics namespace, fully qualified.</summary>
    public const string Semantics = "global::TaxoNN.Compiler.Semantics";

    /// <summary>A string literal.</summary>
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>An int literal.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A long literal.</summary>
    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    /// <summary>A double literal that parses back to the same bits.</summary>
    public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";

    /// <summary>A bool literal.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>An enum member, fully qualified.</summary>
    public static string Enum<T>(T value)
        where T : struct, System.Enum => $"{Semantics}.{typeof(T).Name}.{value}";

    /// <summary>An expression that makes <paramref name="shape"/>.</summary>
    public static string Shape(Shape shape) => shape.IsVector
        ? $"{Semantics}.Shape.Vector({Int(shape.Channels)})"
        : $"{Semantics}.Shape.Map({Int(shape.Channels)}, {Int(shape.Height)}, {Int(shape.Width)})";

    /// <summary>An expression that makes <paramref name="precision"/>.</summary>
    public static string PassPrecision(PassPrecision precision) =>
        $"new {Semantics}.PassPrecision(new {Semantics}.FixedFormat({Int(precision.Format.WordBits)}, {Int(precision.Format.FractionBits)}), {Enum(precision.Rounding)})";

    /// <summary>An expression that makes <paramref name="cost"/>.</summary>
    public static string EnergyCost(EnergyCost cost) => $"new {Semantics}.EnergyCost({Double(cost.Value)}, {Bool(cost.IsPicojoules)})";

    /// <summary>An expression that makes an immutable array of doubles.</summary>
    public static string Doubles(IEnumerable<double> values) =>
        $"global::System.Collections.Immutable.ImmutableArray.Create<double>({string.Join(", ", values.Select(Double))})";
}
