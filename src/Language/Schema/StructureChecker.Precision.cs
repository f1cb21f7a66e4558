using TaxoNN.Language.Syntax;

namespace TaxoNN.Language.Schema;

/// <content>The precision block: a default format, the input's format, per-pass defaults and per-layer overrides.</content>
public sealed partial class StructureChecker
{
    private const string FormatExample = "fixed(16, 12) nearest_even";

    private void CheckPrecision(StatementSyntax statement)
    {
        if (statement.Values.Length != 1 || statement.Values[0] is not BlockSyntax block)
        {
            Report(ValuesSpan(statement), d => d.WrongValueKind("precision", "a block such as 'precision { default fixed(16, 12) nearest_even }'", Describe(statement.Values)));
            return;
        }

        var known = new[] { "default", "input" }.Concat(LanguageNames.Passes).Append("layer").ToArray();
        var seen = new Dictionary<string, StatementSyntax>(StringComparer.Ordinal);
        var layers = new Dictionary<string, IdentifierSyntax>(StringComparer.Ordinal);
        foreach (var node in block.Statements)
        {
            if (node is not StatementSyntax rule)
            {
                continue;
            }

            RejectLabel(rule);
            NoArguments(rule);
            var name = rule.Keyword.Name;
            if (!known.Contains(name))
            {
                Report(rule.Keyword.Span, d => d.UnknownStatement(name, "the precision block", known));
                continue;
            }

            if (name == "layer")
            {
                CheckLayerPrecision(rule, layers);
                continue;
            }

            if (seen.TryGetValue(name, out var first))
            {
                var position = source.GetPosition(first.Span.Start);
                Report(rule.Keyword.Span, d => d.DuplicateStatement(name, "the precision block", position));
                continue;
            }

            seen.Add(name, rule);
            CheckFormatRule(rule, requireFormat: name == "default");
        }

        if (IsComplete(block) && !seen.ContainsKey("default"))
        {
            Report(BlockStart(block), d => d.MissingStatement("default", "the precision block", $"default {FormatExample}"));
        }
    }

    private void CheckLayerPrecision(StatementSyntax rule, Dictionary<string, IdentifierSyntax> layers)
    {
        const string What = "a layer name (or a list of them) and a block, as in 'layer c1 { error fixed(16, 20) }'";
        if (rule.Values.Length != 2 || rule.Values[1] is not BlockSyntax block)
        {
            Report(ValuesSpan(rule), d => d.WrongValueKind("layer", What, Describe(rule.Values)));
            return;
        }

        var names = rule.Values[0] switch
        {
            IdentifierSyntax one => [one],
            ListSyntax list when list.Items.Length > 0 && list.Items.All(i => i is IdentifierSyntax) => list.Items.Cast<IdentifierSyntax>().ToArray(),
            _ => null,
        };
        if (names is null)
        {
            Report(rule.Values[0].Span, d => d.WrongValueKind("layer", What, Describe(rule.Values[0])));
        }
        else
        {
            foreach (var layer in names)
            {
                if (layers.TryGetValue(layer.Name, out var first))
                {
                    var position = source.GetPosition(first.Span.Start);
                    Report(layer.Span, d => d.DuplicateStatement($"layer {layer.Name}", "the precision block", position));
                }
                else
                {
                    layers.Add(layer.Name, layer);
                }
            }
        }

        var passes = LanguageNames.Passes.Append("all").ToArray();
        var seen = new Dictionary<string, StatementSyntax>(StringComparer.Ordinal);
        foreach (var node in block.Statements)
        {
            if (node is not StatementSyntax passRule)
            {
                continue;
            }

            RejectLabel(passRule);
            NoArguments(passRule);
            var pass = passRule.Keyword.Name;
            if (!passes.Contains(pass))
            {
                Report(passRule.Keyword.Span, d => d.UnknownStatement(pass, "a layer's precision", passes));
                continue;
            }

            if (seen.TryGetValue(pass, out var first))
            {
                var position = source.GetPosition(first.Span.Start);
                Report(passRule.Keyword.Span, d => d.DuplicateStatement(pass, "a layer's precision", position));
                continue;
            }

            seen.Add(pass, passRule);
            CheckFormatRule(passRule, requireFormat: false);
        }
    }

    // 'NAME [fixed(word, fraction)] [rounding]': at least one of the two; the format is required for 'default'.
    private void CheckFormatRule(StatementSyntax rule, bool requireFormat)
    {
        var name = rule.Keyword.Name;
        var what = requireFormat
            ? $"a format and optionally a rounding mode, as in '{name} {FormatExample}'"
            : $"a format, a rounding mode or both, as in '{name} {FormatExample}'";
        var values = rule.Values;
        var ok = values.Length switch
        {
            1 => values[0] is CallSyntax || (!requireFormat && values[0] is IdentifierSyntax),
            2 => values[0] is CallSyntax && values[1] is IdentifierSyntax,
            _ => false,
        };
        if (!ok)
        {
            Report(ValuesSpan(rule), d => d.WrongValueKind(name, what, Describe(values)));
            return;
        }

        if (values[0] is CallSyntax format)
        {
            CheckFormat(name, format);
        }

        if (values[^1] is IdentifierSyntax rounding)
        {
            ExpectChoice(name, rounding, LanguageNames.RoundingModes);
        }
    }

    private void CheckFormat(string name, CallSyntax format)
    {
        if (format.Name.Name != "fixed")
        {
            Report(format.Name.Span, d => d.WrongValueKind(name, "a fixed-point format 'fixed(word bits, fraction bits)'", Describe(format)));
            return;
        }

        var arguments = format.Arguments.Arguments;
        foreach (var argument in arguments.Where(a => a.Name is not null))
        {
            Report(argument.Name!.Span, d => d.UnknownArgument(argument.Name!.Name, "fixed", ["word bits (first)", "fraction bits (second)"]));
        }

        if (arguments.Length < 2)
        {
            Report(format.Arguments.Span, d => d.MissingArgument(arguments.Length == 0 ? "word bits" : "fraction bits", "fixed", "fixed(16, 12)"));
            return;
        }

        if (arguments.Length > 2)
        {
            Report(arguments[2].Span, d => d.UnknownArgument("a third argument", "fixed", ["word bits (first)", "fraction bits (second)"]));
        }

        ExpectNumber("fixed", arguments[0].Value, true, 1, 64, "a whole number of word bits from 1 to 64");
        ExpectNumber("fixed", arguments[1].Value, true, -64, 128, "a whole number of fraction bits from -64 to 128");
    }
}
