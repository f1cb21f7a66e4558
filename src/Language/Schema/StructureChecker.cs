using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Schema;

/// <summary>
/// Checks that each statement of a parsed file is one its block knows and that its values have the right kind
/// and unit (TAXO01xx). It does not resolve names across declarations or infer shapes; the compiler does.
/// </summary>
public sealed partial class StructureChecker
{
    private readonly SourceText source;
    private readonly DiagnosticBag diagnostics;

    private StructureChecker(SourceText source, DiagnosticBag diagnostics)
    {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    /// <summary>Checks <paramref name="tree"/> and returns its structure diagnostics.</summary>
    public static DiagnosticBag Check(SyntaxTree tree)
    {
        var bag = new DiagnosticBag();
        new StructureChecker(tree.Source, bag).CheckFile(tree.Root);
        return bag;
    }

    private delegate void SettingCheck(StructureChecker checker, StatementSyntax statement);

    private sealed record Setting(string Name, bool Required, string Example, SettingCheck Check);

    private void Report(TextSpan span, Func<DiagnosticBuilder, Diagnostic> make)
    {
        if (diagnostics.IsFull)
        {
            diagnostics.CountDropped();
            return;
        }

        diagnostics.Add(make(DiagnosticBuilder.ForSpan(source, span)));
    }

    private void CheckFile(FileSyntax file)
    {
        foreach (var node in file.Statements)
        {
            if (node is not StatementSyntax statement)
            {
                continue;
            }

            RejectLabel(statement);
            switch (statement.Keyword.Name)
            {
                case "import":
                    NoArguments(statement);
                    ExpectString(statement);
                    break;
                case "accelerator":
                    if (Declaration(statement) is { } accelerator)
                    {
                        CheckSettings(accelerator, $"accelerator '{Name(statement)}'", AcceleratorSettings);
                    }

                    break;
                case "network":
                    if (Declaration(statement) is { } network)
                    {
                        CheckNetwork(network, Name(statement));
                    }

                    break;
                case "training":
                    if (Declaration(statement) is { } training)
                    {
                        CheckSettings(training, $"training '{Name(statement)}'", TrainingSettings);
                    }

                    break;
                case "sweep":
                    if (Declaration(statement) is { } sweep)
                    {
                        CheckSweep(sweep, Name(statement));
                    }

                    break;
                default:
                    Report(statement.Keyword.Span, d => d.UnknownStatement(statement.Keyword.Name, "a file", LanguageNames.TopLevel));
                    break;
            }
        }
    }

    private static string Name(StatementSyntax statement) =>
        statement.Values.Length > 0 && statement.Values[0] is IdentifierSyntax name ? DiagnosticBuilder.Shorten(name.Name) : "?";

    // A declaration is 'keyword Name { ... }'; returns its block, or null after reporting what is wrong.
    private BlockSyntax? Declaration(StatementSyntax statement)
    {
        NoArguments(statement);
        var keyword = statement.Keyword.Name;
        if (statement.Values.Length != 2 || statement.Values[0] is not IdentifierSyntax || statement.Values[1] is not BlockSyntax block)
        {
            Report(ValuesSpan(statement), d => d.WrongValueKind(keyword, $"a name and a block, as in '{keyword} Name {{ ... }}'", Describe(statement.Values)));
            return statement.Body;
        }

        return block;
    }

    private void RejectLabel(StatementSyntax statement)
    {
        if (statement.Label is { } label)
        {
            Report(label.Span, d => d.UnexpectedLabel(label.Name, statement.Keyword.Name));
        }
    }

    private void NoArguments(StatementSyntax statement)
    {
        if (statement.Arguments is { } arguments)
        {
            Report(arguments.Span, d => d.WrongValueKind(statement.Keyword.Name, "no arguments in parentheses", "an argument list"));
        }
    }

    private void CheckSettings(BlockSyntax block, string where, IReadOnlyList<Setting> settings)
    {
        var seen = new Dictionary<string, StatementSyntax>(StringComparer.Ordinal);
        var names = settings.Select(s => s.Name).ToArray();
        foreach (var node in block.Statements)
        {
            if (node is not StatementSyntax statement)
            {
                continue;
            }

            RejectLabel(statement);
            var name = statement.Keyword.Name;
            var setting = settings.FirstOrDefault(s => s.Name == name);
            if (setting is null)
            {
                Report(statement.Keyword.Span, d => d.UnknownStatement(name, where, names));
                continue;
            }

            if (seen.TryGetValue(name, out var first))
            {
                var position = source.GetPosition(first.Span.Start);
                Report(statement.Keyword.Span, d => d.DuplicateStatement(name, where, position));
                continue;
            }

            seen.Add(name, statement);
            NoArguments(statement);
            setting.Check(this, statement);
        }

        if (!IsComplete(block))
        {
            return;
        }

        foreach (var setting in settings.Where(s => s.Required && !seen.ContainsKey(s.Name)))
        {
            Report(BlockStart(block), d => d.MissingStatement(setting.Name, where, setting.Example));
        }
    }

    private static TextSpan BlockStart(BlockSyntax block) => new(block.Span.Start, 1);

    // Whether a block can be checked for missing settings: a missing '}' or a statement skipped after a syntax error
    // is already reported, and the setting may well be in the part that was skipped, so more would only add noise.
    private static bool IsComplete(BlockSyntax block) => block.IsClosed && !block.Statements.Any(s => s is SkippedSyntax);

    private static TextSpan ValuesSpan(StatementSyntax statement) =>
        statement.Values.Length == 0
            ? statement.Keyword.Span
            : statement.Values[0].Span.Cover(statement.Values[^1].Span);

    private static string Describe(IReadOnlyList<ValueSyntax> values) => values.Count switch
    {
        0 => "nothing",
        1 => Describe(values[0]),
        _ => $"{values.Count} values",
    };

    private static string Describe(ValueSyntax value) => value switch
    {
        NumberSyntax { Unit: { } unit } number => $"'{DiagnosticBuilder.Shorten(number.Text)} {DiagnosticBuilder.Shorten(unit.Text)}'",
        NumberSyntax number => $"the number '{DiagnosticBuilder.Shorten(number.Text)}'",
        IdentifierSyntax name => $"the name '{DiagnosticBuilder.Shorten(name.Name)}'",
        StringSyntax => "a string",
        DimensionsSyntax => "dimensions",
        RangeSyntax => "a range",
        CallSyntax call => $"'{DiagnosticBuilder.Shorten(call.Name.Name)}(...)'",
        ListSyntax => "a list",
        _ => "a block",
    };

    // ---- single values -------------------------------------------------------------------------------------

    private ValueSyntax? One(StatementSyntax statement, string expected)
    {
        if (statement.Values.Length == 1)
        {
            return statement.Values[0];
        }

        Report(ValuesSpan(statement), d => d.WrongValueKind(statement.Keyword.Name, expected, Describe(statement.Values)));
        return null;
    }

    private void ExpectString(StatementSyntax statement)
    {
        const string Expected = "a string in double quotes";
        if (One(statement, Expected) is { } value and not StringSyntax)
        {
            Report(value.Span, d => d.WrongValueKind(statement.Keyword.Name, Expected, Describe(value)));
        }
    }

    private void ExpectChoice(StatementSyntax statement, IReadOnlyCollection<string> choices) =>
        ExpectChoice(statement.Keyword.Name, One(statement, OneOf(choices)), choices);

    private void ExpectChoice(string name, ValueSyntax? value, IReadOnlyCollection<string> choices)
    {
        if (value is null)
        {
            return;
        }

        if (value is IdentifierSyntax identifier && choices.Contains(identifier.Name))
        {
            return;
        }

        var suggestion = value is IdentifierSyntax misspelt ? Spelling.Closest(misspelt.Name, choices) : null;
        var found = Describe(value) + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)");
        Report(value.Span, d => d.WrongValueKind(name, OneOf(choices), found));
    }

    private static string OneOf(IReadOnlyCollection<string> choices) =>
        choices.Count == 1 ? $"'{choices.First()}'" : $"one of {string.Join(", ", choices.Select(c => $"'{c}'"))}";

    private void ExpectName(StatementSyntax statement, string what)
    {
        if (One(statement, what) is { } value and not IdentifierSyntax)
        {
            Report(value.Span, d => d.WrongValueKind(statement.Keyword.Name, what, Describe(value)));
        }
    }

    private void ExpectBoolean(StatementSyntax statement) =>
        ExpectChoice(statement, LanguageNames.Booleans);

    // A plain number without unit; integer and range limits are optional.
    private void ExpectNumber(string name, ValueSyntax? value, bool integer, double min, double max, string range)
    {
        if (value is null)
        {
            return;
        }

        var what = integer ? "a whole number" : "a number";
        if (value is not NumberSyntax number)
        {
            Report(value.Span, d => d.WrongValueKind(name, what, Describe(value)));
            return;
        }

        if (number.Unit is { } unit)
        {
            Report(unit.Span, d => d.WrongValueKind(name, $"{what} without a unit", Describe(value)));
            return;
        }

        CheckRange(name, number, integer, min, max, range, number.Value);
    }

    private void CheckRange(string name, NumberSyntax number, bool integer, double min, double max, string range, double scaled)
    {
        if (integer && number.IntegerValue is null)
        {
            if (number.IsInteger)
            {
                return; // too large for 64 bits: the lexer reported it
            }

            Report(number.Span, d => d.WrongValueKind(name, "a whole number", Describe(number)));
            return;
        }

        if (!double.IsFinite(scaled))
        {
            return; // reported by the lexer
        }

        if (scaled < min || scaled > max)
        {
            var shown = number.Unit is null ? number.Text : $"{number.Text} {number.Unit.Text}";
            Report(number.Span, d => d.ValueOutOfRange(name, shown, range));
        }
    }

    // A number with a unit of one of the given kinds.
    private void ExpectQuantity(StatementSyntax statement, string example, params UnitKind[] kinds) =>
        ExpectQuantity(statement.Keyword.Name, One(statement, $"{Unit.Describe(kinds[0])} such as '{example}'"), example, kinds);

    private void ExpectQuantity(string name, ValueSyntax? value, string example, params UnitKind[] kinds)
    {
        if (value is null)
        {
            return;
        }

        var what = Unit.Describe(kinds[0]);
        if (value is not NumberSyntax number)
        {
            Report(value.Span, d => d.WrongValueKind(name, $"{what} such as '{example}'", Describe(value)));
            return;
        }

        if (number.Unit is null)
        {
            Report(number.Span, d => d.MissingUnit(name, what, example));
            return;
        }

        if (!CheckUnit(name, number.Unit, kinds))
        {
            return;
        }

        CheckRange(name, number, false, double.Epsilon, double.MaxValue, "greater than zero", number.Value);
    }

    private bool CheckUnit(string name, UnitSyntax unitSyntax, params UnitKind[] kinds)
    {
        var unit = Unit.Find(unitSyntax.Text);
        if (unit is null)
        {
            Report(unitSyntax.Span, d => d.UnknownUnit(unitSyntax.Text, Unit.All.Select(u => u.Name).ToArray()));
            return false;
        }

        if (!kinds.Contains(unit.Kind))
        {
            Report(unitSyntax.Span, d => d.WrongUnitKind(name, Unit.Describe(kinds[0]), Unit.UnitsOf(kinds), unit.Name, Unit.Describe(unit.Kind)));
            return false;
        }

        return true;
    }
}
