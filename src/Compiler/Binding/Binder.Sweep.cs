using System.Collections.Immutable;
using System.Globalization;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Schema;
using TaxoNN.Language.Syntax;
using static TaxoNN.Compiler.Binding.SyntaxValues;

namespace TaxoNN.Compiler.Binding;

/// <content>Sweeps: the set-up they vary, their axes with values in base units, metrics, budget and limit.</content>
public sealed partial class Binder
{
    /// <summary>The most points a sweep may have: a manifest line each, and ids must stay far from colliding.</summary>
    public const long MaxSweepPoints = 1_000_000;

    private SweepSymbol? BindSweep(Declaration declaration, List<TrainingSymbol> trainings)
    {
        var body = declaration.Body;
        var source = declaration.Source;
        if (!Resolve(declaration, Find(body, "training"), "training", out var trainingName)
            || trainings.FirstOrDefault(t => t.Name == trainingName) is not { } training)
        {
            return null;
        }

        var ok = true;
        var axes = new List<SweepAxis>();
        if (Single(Find(body, "axes")) is BlockSyntax block)
        {
            foreach (var statement in block.Statements.OfType<StatementSyntax>())
            {
                if (statement.Keyword.Name == "layer")
                {
                    BindLayerAxes(declaration, training, statement, axes, ref ok);
                }
                else if (BindAxis(declaration, training, statement, [], statement.Keyword.Name, ref ok) is { } axis)
                {
                    axes.Add(axis);
                }
            }
        }

        var metricsStatement = Find(body, "metrics");
        ImmutableArray<string> metrics = Single(metricsStatement) is ListSyntax list
            ? [.. list.Items.OfType<IdentifierSyntax>().Select(i => i.Name).Distinct()]
            : [.. LanguageNames.SweepMetrics];
        var budgetStatement = Find(body, "budget");
        var budget = (Single(budgetStatement) as NumberSyntax)?.Value;
        if (budget is not null && !metrics.Contains("misclassification"))
        {
            Report(source, budgetStatement!.Keyword.Span, d => d.BudgetWithoutMisclassification(declaration.Name));
            ok = false;
        }

        var sweep = new SweepSymbol(
            declaration.Name,
            new SourceLocation(source, declaration.Statement.Values[0].Span),
            training,
            [.. axes],
            metrics,
            budget,
            Integer(Single(Find(body, "limit"))));

        // The product may overflow long long before it reaches the limit; count in double.
        var points = axes.Aggregate(1.0, (product, axis) => product * axis.Values.Length);
        if (ok && points > MaxSweepPoints)
        {
            Report(source, declaration.Statement.Values[0].Span, d => d.SweepTooLarge(
                declaration.Name, points.ToString("N0", CultureInfo.InvariantCulture), MaxSweepPoints.ToString("N0", CultureInfo.InvariantCulture)));
            ok = false;
        }

        return ok ? sweep : null;
    }

    private void BindLayerAxes(Declaration declaration, TrainingSymbol training, StatementSyntax rule, List<SweepAxis> axes, ref bool ok)
    {
        if (rule.Values.Length != 2 || rule.Values[1] is not BlockSyntax block)
        {
            return;
        }

        var network = training.Network;
        var targets = rule.Values[0] switch
        {
            IdentifierSyntax one => [one],
            ListSyntax list => list.Items.OfType<IdentifierSyntax>().ToArray(),
            _ => [],
        };
        var known = true;
        foreach (var target in targets.Where(t => network.Find(t.Name) is null))
        {
            Report(declaration.Source, target.Span, d => d.UnknownLayer(target.Name, network.Name, network.Layers.Select(l => l.Name).ToArray()));
            known = false;
        }

        if (!known)
        {
            ok = false;
            return;
        }

        ImmutableArray<string> layers = [.. targets.Select(t => t.Name)];
        foreach (var statement in block.Statements.OfType<StatementSyntax>())
        {
            var pass = PassOf(statement.Keyword.Name == "rounding" && statement.Values is [IdentifierSyntax named, _] ? named.Name : statement.Keyword.Name);
            if (pass is Pass.WeightGradient or Pass.Update)
            {
                foreach (var target in targets.Where(t => network.Find(t.Name) is { HasWeights: false }))
                {
                    Report(declaration.Source, target.Span, d => d.SweptPassWithoutWeights(target.Name, PassKeyword(pass.Value)));
                    ok = false;
                }
            }

            var key = $"layer {string.Join(",", layers)} {statement.Keyword.Name}";
            if (BindAxis(declaration, training, statement, layers, key, ref ok) is { } axis)
            {
                axes.Add(axis);
            }
        }
    }

    private static Pass? PassOf(string keyword) => keyword switch
    {
        "forward" => Pass.Forward,
        "error" => Pass.Error,
        "weight_gradient" => Pass.WeightGradient,
        "update" => Pass.Update,
        _ => null,
    };

    private SweepAxis? BindAxis(Declaration declaration, TrainingSymbol training, StatementSyntax statement, ImmutableArray<string> layers, string key, ref bool ok)
    {
        var source = declaration.Source;
        var name = statement.Keyword.Name;
        var location = new SourceLocation(source, statement.Keyword.Span);
        if (name == "rounding")
        {
            if (statement.Values.Length is < 1 or > 2 || statement.Values[^1] is not ListSyntax modes)
            {
                return null;
            }

            var target = statement.Values.Length == 2 ? Name(statement.Values[0]) ?? "all" : "all";
            var roundings = modes.Items.OfType<IdentifierSyntax>()
                .Select(m => new SweepValue(m.Name, 0, 0, null, m.Name == "stochastic" ? RoundingMode.Stochastic : RoundingMode.NearestEven, new SourceLocation(source, m.Span)))
                .ToImmutableArray();
            var roundingKey = statement.Values.Length == 2 ? $"{key} {target}" : key;
            return Checked(declaration, training, new SweepAxis(roundingKey, SweepParameter.Rounding, layers, PassOf(target), target == "input", roundings, location), ref ok);
        }

        var value = Single(statement);
        if (value is null)
        {
            return null;
        }

        if (value is RangeSyntax { From.IntegerValue: { } low, To.IntegerValue: { } high } && high - low >= MaxSweepPoints)
        {
            var count = "at least " + ((double)high - low + 1).ToString("N0", CultureInfo.InvariantCulture);
            Report(source, value.Span, d => d.SweepTooLarge(declaration.Name, count, MaxSweepPoints.ToString("N0", CultureInfo.InvariantCulture)));
            ok = false;
            return null;
        }

        var items = value switch
        {
            ListSyntax list => list.Items.AsEnumerable(),
            RangeSyntax range when Integer(range.From) is { } from && Integer(range.To) is { } to && to >= from =>
                Enumerable.Range(0, (int)(to - from + 1)).Select(i => (ValueSyntax)new NumberSyntax(range.Span, (from + i).ToString(CultureInfo.InvariantCulture), null)),
            _ => [value],
        };
        var accelerator = training.Accelerator;
        var values = new List<SweepValue>();
        foreach (var item in items)
        {
            var at = new SourceLocation(source, item.Span);
            SweepValue? bound = name switch
            {
                "pe_array" when item is DimensionsSyntax { Sizes.Length: 2 } d && Integer(d.Sizes[0]) is { } rows && Integer(d.Sizes[1]) is { } columns =>
                    new SweepValue($"{rows} x {columns}", rows, (int)columns, null, null, at),
                "global_buffer" => Quantity(item, UnitKind.Bytes, UnitKind.Words) switch
                {
                    ({ } words, UnitKind.Words) => new SweepValue(QuantityText(item), Math.Ceiling(words * accelerator.MaxPeBits / 8), 0, null, null, at),
                    ({ } bytes, _) => new SweepValue(QuantityText(item), bytes, 0, null, null, at),
                    _ => null,
                },
                "register_file" => Quantity(item, UnitKind.Words, UnitKind.Bytes) switch
                {
                    ({ } words, UnitKind.Words) => new SweepValue(QuantityText(item), words, 0, null, null, at),
                    ({ } bytes, _) => new SweepValue(QuantityText(item), Math.Floor(bytes * 8 / accelerator.MaxPeBits), 0, null, null, at),
                    _ => null,
                },
                "global_buffer_bandwidth" or "dram_bandwidth" => item is NumberSyntax { Unit: { } unit } && Quantity(item, UnitKind.Bandwidth) is ({ } perCycle, _)
                    ? new SweepValue(QuantityText(item), unit.Numerator == "B" ? perCycle * 8 / accelerator.MaxPeBits : perCycle, 0, null, null, at)
                    : null,
                "clock" => Quantity(item, UnitKind.Frequency) is ({ } hertz, _) ? new SweepValue(QuantityText(item), hertz, 0, null, null, at) : null,
                "learning_rate" => Number(item) is { } rate ? new SweepValue(((NumberSyntax)item).Text, rate, 0, null, null, at) : null,
                "batch_size" or "epochs" or "seed" => Integer(item) is { } whole ? new SweepValue(whole.ToString(CultureInfo.InvariantCulture), whole, 0, null, null, at) : null,
                _ => item switch
                {
                    CallSyntax { Arguments.Arguments.Length: 2 } call when Integer(call.Arguments.Arguments[0].Value) is { } word && Integer(call.Arguments.Arguments[1].Value) is { } fraction =>
                        new SweepValue(new FixedFormat((int)word, (int)fraction).ToString(), word, 0, new FixedFormat((int)word, (int)fraction), null, at),
                    _ when Integer(item) is { } width => new SweepValue(width.ToString(CultureInfo.InvariantCulture), width, 0, null, null, at),
                    _ => null,
                },
            };
            if (bound is null)
            {
                return null; // malformed: the structure checker reported it
            }

            values.Add(bound);
        }

        var parameter = name switch
        {
            "pe_array" => SweepParameter.PeArray,
            "global_buffer" => SweepParameter.GlobalBuffer,
            "register_file" => SweepParameter.RegisterFile,
            "global_buffer_bandwidth" => SweepParameter.GlobalBufferBandwidth,
            "dram_bandwidth" => SweepParameter.DramBandwidth,
            "clock" => SweepParameter.Clock,
            "learning_rate" => SweepParameter.LearningRate,
            "batch_size" => SweepParameter.BatchSize,
            "epochs" => SweepParameter.Epochs,
            "seed" => SweepParameter.Seed,
            _ => SweepParameter.Precision,
        };
        var axis = new SweepAxis(key, parameter, layers, PassOf(name), name == "input", [.. values], location);
        return Checked(declaration, training, axis, ref ok);
    }

    private static string QuantityText(ValueSyntax value) =>
        value is NumberSyntax { Unit: { } unit } number ? $"{number.Text} {unit.Text}" : ((NumberSyntax)value).Text;

    // Values listed twice, and widths or formats that some point could not train with (reported once per value).
    private SweepAxis? Checked(Declaration declaration, TrainingSymbol training, SweepAxis axis, ref bool ok)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var valid = true;
        foreach (var value in axis.Values)
        {
            if (!seen.Add(value.Text))
            {
                Report(declaration.Source, value.Location.Span, d => d.DuplicateSweepValue(value.Text, axis.Key));
                valid = false;
            }
        }

        if (axis.Parameter == SweepParameter.Precision)
        {
            foreach (var value in axis.Values)
            {
                if (FormatProblem(training, axis, value) is var (format, where, problem))
                {
                    Report(declaration.Source, value.Location.Span, d => d.SweptFormatInvalid(value.Text, axis.Key, format.ToString(), where, problem));
                    valid = false;
                }
            }
        }

        ok &= valid;
        return valid ? axis : null;
    }

    // The first format the value makes that cannot train: the input's, then each covered layer's and pass's.
    private static (FixedFormat Format, string Where, string Problem)? FormatProblem(TrainingSymbol training, SweepAxis axis, SweepValue value)
    {
        var accelerator = training.Accelerator;
        string? Problem(FixedFormat format) =>
            format.WordBits is < MinTrainingWordBits or > MaxTrainingWordBits
                ? $"has word bits outside {MinTrainingWordBits}..{MaxTrainingWordBits}, the widths a training format may have"
                : format.FractionBits is < MinFractionBits or > MaxFractionBits
                    ? $"has fraction bits outside {MinFractionBits}..{MaxFractionBits}, the range TaxoNN supports"
                    : format.WordBits < accelerator.MinPeBits || format.WordBits > accelerator.MaxPeBits
                        ? $"is {format.WordBits} bits wide, but the PEs of accelerator '{accelerator.Name}' execute {accelerator.MinPeBits} to {accelerator.MaxPeBits} bits"
                        : null;
        FixedFormat Make(FixedFormat original) => value.Format ?? SweepApplication.Narrow(original, (int)value.Number);

        if (axis.AppliesToInput && Make(training.Input.Format) is var input && Problem(input) is { } inputProblem)
        {
            return (input, "the input", inputProblem);
        }

        foreach (var layer in training.Network.Layers)
        {
            foreach (var pass in Enum.GetValues<Pass>())
            {
                if (!axis.Applies(layer.Name, pass) || (!layer.HasWeights && pass is Pass.WeightGradient or Pass.Update))
                {
                    continue;
                }

                var format = Make(training.PrecisionOf(layer)[pass].Format);
                if (Problem(format) is { } problem)
                {
                    return (format, $"the {PassKeyword(pass)} pass of '{layer.Name}'", problem);
                }
            }
        }

        return null;
    }
}
