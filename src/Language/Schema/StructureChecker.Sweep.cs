using TaxoNN.Language.Syntax;

namespace TaxoNN.Language.Schema;

/// <content>
/// The sweep declaration: the training set-up it varies, its axes (each a list or a range of values for one setting
/// or one precision rule), the metrics it records, an accuracy budget and the training samples per point.
/// </content>
public sealed partial class StructureChecker
{
    private const string AxisValues = "a list of values such as '[12, 14, 16]', a range of whole numbers such as '12..16', or one value";

    private static readonly Setting[] SweepSettings =
    [
        new("training", true, "training LeNet5Mnist", (c, s) => c.ExpectName(s, "the name of a training set-up")),
        new("axes", true, "axes { all 12..16 }", (c, s) => c.CheckAxes(s)),
        new("metrics", false, "metrics [misclassification, area, power]", (c, s) => c.CheckMetrics(s)),
        new("budget", false, "budget 1 pp", (c, s) => c.CheckBudget(s)),
        new("limit", false, "limit 2000", (c, s) => c.ExpectNumber(s.Keyword.Name, c.One(s, "a whole number"), true, 1, long.MaxValue, "at least 1")),
    ];

    private static readonly string[] PrecisionAxes = ["input", .. LanguageNames.Passes, "all"];

    private static readonly string[] LayerAxes = [.. LanguageNames.Passes, "all", "rounding"];

    private static readonly string[] RoundingTargets = ["input", .. LanguageNames.Passes, "all"];

    private void CheckSweep(BlockSyntax block, string name) => CheckSettings(block, $"sweep '{name}'", SweepSettings);

    private void CheckMetrics(StatementSyntax statement)
    {
        const string What = "a list of metrics such as '[misclassification, area, power]'";
        var value = One(statement, What);
        if (value is null)
        {
            return;
        }

        if (value is not ListSyntax { Items.Length: > 0 } list)
        {
            Report(value.Span, d => d.WrongValueKind("metrics", What, value is ListSyntax ? "an empty list" : Describe(value)));
            return;
        }

        var seen = new Dictionary<string, IdentifierSyntax>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            ExpectChoice("metrics", item, LanguageNames.SweepMetrics);
            if (item is IdentifierSyntax metric)
            {
                if (seen.TryGetValue(metric.Name, out var first))
                {
                    var position = source.GetPosition(first.Span.Start);
                    Report(metric.Span, d => d.DuplicateStatement(metric.Name, "the metrics", position));
                }
                else
                {
                    seen.Add(metric.Name, metric);
                }
            }
        }
    }

    private void CheckBudget(StatementSyntax statement)
    {
        var value = One(statement, "a difference in percentage points such as '1 pp'");
        if (value is null)
        {
            return;
        }

        if (value is not NumberSyntax number)
        {
            Report(value.Span, d => d.WrongValueKind("budget", "a difference in percentage points such as '1 pp'", Describe(value)));
            return;
        }

        if (number.Unit is null)
        {
            Report(number.Span, d => d.MissingUnit("budget", Unit.Describe(UnitKind.PercentagePoints), "budget 1 pp"));
            return;
        }

        if (CheckUnit("budget", number.Unit, UnitKind.PercentagePoints))
        {
            CheckRange("budget", number, false, 0, 100, "from 0 pp to 100 pp", number.Value);
        }
    }

    private void CheckAxes(StatementSyntax statement)
    {
        if (statement.Values.Length != 1 || statement.Values[0] is not BlockSyntax block)
        {
            Report(ValuesSpan(statement), d => d.WrongValueKind("axes", "a block such as 'axes { all 12..16 }'", Describe(statement.Values)));
            return;
        }

        var known = LanguageNames.SweepSettingAxes.Concat(PrecisionAxes).Append("rounding").Append("layer").ToArray();
        var seen = new Dictionary<string, StatementSyntax>(StringComparer.Ordinal);
        var layers = new Dictionary<string, IdentifierSyntax>(StringComparer.Ordinal);
        foreach (var axis in block.Statements.OfType<StatementSyntax>())
        {
            RejectLabel(axis);
            NoArguments(axis);
            var name = axis.Keyword.Name;
            if (!known.Contains(name))
            {
                Report(axis.Keyword.Span, d => d.UnknownStatement(name, "the axes", known));
                continue;
            }

            if (name == "layer")
            {
                CheckLayerAxes(axis, layers);
                continue;
            }

            var key = name == "rounding" ? RoundingKey(axis) : name;
            if (seen.TryGetValue(key, out var first))
            {
                var position = source.GetPosition(first.Span.Start);
                Report(axis.Keyword.Span, d => d.DuplicateStatement(key, "the axes", position));
                continue;
            }

            seen.Add(key, axis);
            CheckAxis(axis);
        }
    }

    // 'rounding [modes]' is every pass; 'rounding PASS [modes]' one pass.
    private static string RoundingKey(StatementSyntax axis) =>
        axis.Values is [IdentifierSyntax target, _] ? $"rounding {target.Name}" : "rounding all";

    private void CheckLayerAxes(StatementSyntax rule, Dictionary<string, IdentifierSyntax> layers)
    {
        const string What = "a layer name (or a list of them) and a block, as in 'layer c1 { forward 12..16 }'";
        if (rule.Values.Length != 2 || rule.Values[1] is not BlockSyntax block)
        {
            Report(ValuesSpan(rule), d => d.WrongValueKind("layer", What, Describe(rule.Values)));
            return;
        }

        IdentifierSyntax[]? names = rule.Values[0] switch
        {
            IdentifierSyntax one => [one],
            ListSyntax list when list.Items.Length > 0 && list.Items.All(i => i is IdentifierSyntax) => [.. list.Items.Cast<IdentifierSyntax>()],
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
                    Report(layer.Span, d => d.DuplicateStatement($"layer {layer.Name}", "the axes", position));
                }
                else
                {
                    layers.Add(layer.Name, layer);
                }
            }
        }

        var seen = new Dictionary<string, StatementSyntax>(StringComparer.Ordinal);
        foreach (var axis in block.Statements.OfType<StatementSyntax>())
        {
            RejectLabel(axis);
            NoArguments(axis);
            var name = axis.Keyword.Name;
            if (!LayerAxes.Contains(name))
            {
                Report(axis.Keyword.Span, d => d.UnknownStatement(name, "a layer's axes", LayerAxes));
                continue;
            }

            var key = name == "rounding" ? RoundingKey(axis) : name;
            if (seen.TryGetValue(key, out var first))
            {
                var position = source.GetPosition(first.Span.Start);
                Report(axis.Keyword.Span, d => d.DuplicateStatement(key, "a layer's axes", position));
                continue;
            }

            seen.Add(key, axis);
            CheckAxis(axis);
        }
    }

    private void CheckAxis(StatementSyntax axis)
    {
        var name = axis.Keyword.Name;
        if (name == "rounding")
        {
            CheckRoundingAxis(axis);
            return;
        }

        var value = One(axis, AxisValues);
        if (value is null)
        {
            return;
        }

        if (value is ListSyntax { Items.Length: 0 })
        {
            Report(value.Span, d => d.WrongValueKind(name, AxisValues, "an empty list"));
            return;
        }

        var items = value is ListSyntax list ? list.Items.AsEnumerable() : [value];
        foreach (var item in items)
        {
            if (item is RangeSyntax range && value is not ListSyntax)
            {
                CheckAxisRange(name, range);
            }
            else
            {
                CheckAxisValue(name, item);
            }
        }
    }

    private void CheckAxisRange(string name, RangeSyntax range)
    {
        if (name is not ("batch_size" or "epochs" or "seed") && !PrecisionAxes.Contains(name))
        {
            Report(range.Span, d => d.WrongValueKind(name, "a list of values such as '[1, 2]' (ranges are for whole numbers: widths, batch sizes, epochs, seeds)", "a range"));
            return;
        }

        CheckAxisValue(name, range.From);
        CheckAxisValue(name, range.To);
        if (range.From.Value > range.To.Value)
        {
            Report(range.Span, d => d.ValueOutOfRange(name, $"{range.From.Text}..{range.To.Text}", "a range whose lower end is not above its upper end"));
        }
    }

    private void CheckAxisValue(string name, ValueSyntax value)
    {
        switch (name)
        {
            case "pe_array":
                if (value is DimensionsSyntax { Sizes.Length: 2 } array)
                {
                    foreach (var size in array.Sizes)
                    {
                        ExpectNumber(name, size, true, 1, int.MaxValue, "a whole number from 1 to 2147483647");
                    }
                }
                else
                {
                    Report(value.Span, d => d.WrongValueKind(name, "rows x columns, such as '12 x 14'", Describe(value)));
                }

                break;
            case "global_buffer":
                ExpectQuantity(name, value, "108 KiB", UnitKind.Bytes, UnitKind.Words);
                break;
            case "register_file":
                ExpectQuantity(name, value, "260 words", UnitKind.Words, UnitKind.Bytes);
                break;
            case "global_buffer_bandwidth" or "dram_bandwidth":
                ExpectQuantity(name, value, "16 words/cycle", UnitKind.Bandwidth);
                break;
            case "clock":
                ExpectQuantity(name, value, "200 MHz", UnitKind.Frequency);
                break;
            case "learning_rate":
                ExpectNumber(name, value, false, double.Epsilon, 1e6, "greater than zero");
                break;
            case "batch_size":
                ExpectNumber(name, value, true, 1, 1 << 20, "between 1 and 1048576");
                break;
            case "epochs":
                ExpectNumber(name, value, true, 1, 1_000_000, "between 1 and 1000000");
                break;
            case "seed":
                ExpectNumber(name, value, true, 0, long.MaxValue, "zero or more");
                break;
            default:
                // A precision axis: word widths (the integer bits of each resolved format kept) or whole formats.
                if (value is CallSyntax format)
                {
                    CheckFormat(name, format);
                }
                else if (value is NumberSyntax)
                {
                    ExpectNumber(name, value, true, 1, 64, "a whole number of word bits from 1 to 64");
                }
                else
                {
                    Report(value.Span, d => d.WrongValueKind(name, "word widths such as '12..16' or formats such as 'fixed(12, 8)'", Describe(value)));
                }

                break;
        }
    }

    private void CheckRoundingAxis(StatementSyntax axis)
    {
        const string What = "an optional pass and a list of rounding modes, as in 'rounding update [nearest_even, stochastic]'";
        var values = axis.Values;
        if (values.Length is < 1 or > 2)
        {
            Report(ValuesSpan(axis), d => d.WrongValueKind("rounding", What, Describe(values)));
            return;
        }

        if (values.Length == 2)
        {
            ExpectChoice("rounding", values[0], RoundingTargets);
        }

        var modes = values[^1];
        if (modes is not ListSyntax { Items.Length: > 0 } list)
        {
            Report(modes.Span, d => d.WrongValueKind("rounding", What, modes is ListSyntax ? "an empty list" : Describe(modes)));
            return;
        }

        foreach (var item in list.Items)
        {
            ExpectChoice("rounding", item, LanguageNames.RoundingModes);
        }
    }
}
