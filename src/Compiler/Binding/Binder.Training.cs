using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;
using static TaxoNN.Compiler.Binding.SyntaxValues;

namespace TaxoNN.Compiler.Binding;

/// <content>Training set-ups: references, data, SGD settings and the precision of every layer and pass.</content>
public sealed partial class Binder
{
    /// <summary>The format every pass uses when a set-up has no precision block.</summary>
    public static readonly PassPrecision DefaultPrecision = new(new FixedFormat(16, 12), RoundingMode.NearestEven);

    /// <summary>The word bits a format of a training set-up may have: an exact accumulator then fits in 64 bits.</summary>
    public const int MinTrainingWordBits = 2;

    /// <summary>The widest word of a training format.</summary>
    public const int MaxTrainingWordBits = 24;

    /// <summary>The smallest number of fraction bits TaxoNN supports.</summary>
    public const int MinFractionBits = -24;

    /// <summary>The largest number of fraction bits TaxoNN supports.</summary>
    public const int MaxFractionBits = 40;

    private TrainingSymbol? BindTraining(
        Declaration declaration,
        Dictionary<string, AcceleratorSymbol> accelerators,
        Dictionary<string, NetworkSymbol> networks)
    {
        var body = declaration.Body;
        var source = declaration.Source;
        var networkOk = Resolve(declaration, Find(body, "network"), "network", out var networkName);
        var acceleratorOk = Resolve(declaration, Find(body, "accelerator"), "accelerator", out var acceleratorName);
        if (!networkOk || !acceleratorOk
            || !networks.TryGetValue(networkName, out var network)
            || !accelerators.TryGetValue(acceleratorName, out var accelerator))
        {
            return null;
        }

        var ok = true;

        var data = BindData(declaration, network, ref ok);
        var precision = ResolvePrecision(declaration, network, accelerator, ref ok, out var inputPrecision);
        if (!ok || data is null || precision.IsDefault)
        {
            return null;
        }

        return new TrainingSymbol(
            declaration.Name,
            new SourceLocation(source, declaration.Statement.Values[0].Span),
            network,
            accelerator,
            data,
            Number(Single(Find(body, "learning_rate"))) ?? 0.01,
            (int)(Integer(Single(Find(body, "batch_size"))) ?? 1),
            (int)(Integer(Single(Find(body, "epochs"))) ?? 1),
            Integer(Single(Find(body, "seed"))) ?? 0,
            Boolean(Single(Find(body, "shuffle"))) ?? true,
            Boolean(Single(Find(body, "fuse"))) ?? true,
            inputPrecision,
            precision,
            new SourceLocation(source, Find(body, "accelerator")!.Values[0].Span));
    }

    private DataSpec? BindData(Declaration declaration, NetworkSymbol network, ref bool ok)
    {
        var statement = Find(declaration.Body, "data");
        var kind = Name(statement is { Values.Length: > 0 } ? statement.Values[0] : null) switch
        {
            "mnist" => DatasetKind.Mnist,
            "fashion_mnist" => DatasetKind.FashionMnist,
            "cifar10" => DatasetKind.Cifar10,
            "svhn" => DatasetKind.Svhn,
            _ => (DatasetKind?)null,
        };
        if (kind is not { } dataset)
        {
            return null;
        }

        var (channels, side) = dataset is DatasetKind.Mnist or DatasetKind.FashionMnist ? (1, 28) : (3, 32);
        var input = network.Input;
        var matches = input.IsVector ? input.Channels == channels * side * side
            : input.Channels == channels && input.Height == side && input.Width == side;
        var datasetName = ((IdentifierSyntax)statement!.Values[0]).Name;
        if (!matches)
        {
            Report(declaration.Source, statement.Values[0].Span, d => d.InputMismatch(
                network.Name, input.IsVector ? $"vectors of {input.Channels}" : input.ToString(), datasetName,
                $"{channels} x {side} x {side} images ({channels * side * side} values)"));
            ok = false;
        }

        if (network.Output.Channels != 10)
        {
            Report(declaration.Source, statement.Values[0].Span, d => d.OutputMismatch(
                network.Name, $"{network.Output.Channels} scores", $"{datasetName} has 10 classes; make the last layer produce 10"));
            ok = false;
        }

        var block = statement.Body;
        var path = (Single(block is null ? null : Find(block, "path")) as StringSyntax)?.Value ?? $"data/{datasetName}";
        var divisor = Number(Single(block is null ? null : Find(block, "divisor"))) ?? 255;
        ImmutableArray<double> Channels(string setting, double fallback)
        {
            var found = block is null ? null : Find(block, setting);
            var values = NumberOrList(Single(found)) ?? [fallback];
            if (values.Length != 1 && values.Length != channels)
            {
                Report(declaration.Source, found!.Values[0].Span, d => d.ChannelListMismatch(setting, values.Length, channels));
                return default;
            }

            return values.Length == channels ? values : [.. Enumerable.Repeat(values[0], channels)];
        }

        var mean = Channels("mean", 0);
        var std = Channels("std", 1);
        if (mean.IsDefault || std.IsDefault)
        {
            ok = false;
            return null;
        }

        return new DataSpec(dataset, path, divisor, mean, std);
    }

    // A rule's parts as written; either may be missing (then the next rule in the resolution order decides).
    private sealed record Rule(FixedFormat? Format, RoundingMode? Rounding, TextSpan Span);

    private static Rule? ReadRule(StatementSyntax? statement)
    {
        if (statement is null || statement.Values.Length is 0 or > 2)
        {
            return null;
        }

        FixedFormat? format = null;
        RoundingMode? rounding = null;
        foreach (var value in statement.Values)
        {
            if (value is CallSyntax { Arguments.Arguments.Length: 2 } call
                && Integer(call.Arguments.Arguments[0].Value) is { } word && Integer(call.Arguments.Arguments[1].Value) is { } fraction)
            {
                format = new FixedFormat((int)word, (int)fraction);
            }
            else if (Name(value) is { } mode)
            {
                rounding = mode == "stochastic" ? RoundingMode.Stochastic : RoundingMode.NearestEven;
            }
        }

        return new Rule(format, rounding, statement.Values[0].Span.Cover(statement.Values[^1].Span));
    }

    private ImmutableArray<LayerPrecision> ResolvePrecision(
        Declaration declaration,
        NetworkSymbol network,
        AcceleratorSymbol accelerator,
        ref bool ok,
        out PassPrecision input)
    {
        var source = declaration.Source;
        input = DefaultPrecision;
        var block = Single(Find(declaration.Body, "precision")) as BlockSyntax;
        var defaultRule = new Rule(DefaultPrecision.Format, DefaultPrecision.Rounding, default);
        var passRules = new Dictionary<Pass, Rule>();
        var layerRules = new Dictionary<string, Dictionary<string, Rule>>(StringComparer.Ordinal);
        Rule? inputRule = null;
        if (block is not null)
        {
            var written = ReadRule(Find(block, "default"));
            defaultRule = new Rule(written?.Format ?? DefaultPrecision.Format, written?.Rounding ?? RoundingMode.NearestEven, written?.Span ?? default);
            inputRule = ReadRule(Find(block, "input"));
            foreach (var pass in Enum.GetValues<Pass>())
            {
                if (ReadRule(Find(block, PassKeyword(pass))) is { } rule)
                {
                    passRules[pass] = rule;
                }
            }

            foreach (var statement in block.Statements.OfType<StatementSyntax>().Where(s => s.Keyword.Name == "layer" && s.Values.Length == 2))
            {
                if (statement.Values[1] is not BlockSyntax layerBlock)
                {
                    continue;
                }

                var targets = statement.Values[0] switch
                {
                    IdentifierSyntax one => [one],
                    ListSyntax list => list.Items.OfType<IdentifierSyntax>().ToArray(),
                    _ => [],
                };
                var rules = layerBlock.Statements.OfType<StatementSyntax>()
                    .Select(s => (s.Keyword.Name, Rule: ReadRule(s)))
                    .Where(r => r.Rule is not null)
                    .GroupBy(r => r.Name)
                    .ToDictionary(g => g.Key, g => g.First().Rule!, StringComparer.Ordinal);
                foreach (var target in targets)
                {
                    if (network.Find(target.Name) is null)
                    {
                        Report(source, target.Span, d => d.UnknownLayer(target.Name, network.Name, network.Layers.Select(l => l.Name).ToArray()));
                        ok = false;
                        continue;
                    }

                    layerRules[target.Name] = rules;
                }
            }
        }

        var reported = new HashSet<TextSpan>();
        var valid = true;
        (PassPrecision Precision, TextSpan Span) Pick(params Rule?[] order)
        {
            var format = order.First(r => r?.Format is not null)!;
            var rounding = order.First(r => r?.Rounding is not null)!;
            return (new PassPrecision(format.Format!.Value, rounding.Rounding!.Value), format.Span);
        }

        // A format from the default rule is named as such: it applies to everything without a rule of its own.
        string Where(TextSpan span, string what) => span == defaultRule.Span ? "the default format" : what;

        void Check(PassPrecision precision, TextSpan span, string where)
        {
            var format = precision.Format;
            var at = span.Length == 0 ? declaration.Statement.Values[0].Span : span;
            string? problem = null;
            if (format.WordBits is < MinTrainingWordBits or > MaxTrainingWordBits)
            {
                problem = "word";
                if (reported.Add(at))
                {
                    Report(source, at, d => d.WordBitsOutOfRange(format.ToString(), where, MinTrainingWordBits, MaxTrainingWordBits));
                }
            }
            else if (format.FractionBits is < MinFractionBits or > MaxFractionBits)
            {
                problem = "fraction";
                if (reported.Add(at))
                {
                    Report(source, at, d => d.FractionBitsOutOfRange(format.ToString(), where, MinFractionBits, MaxFractionBits));
                }
            }
            else if (format.WordBits < accelerator.MinPeBits || format.WordBits > accelerator.MaxPeBits)
            {
                problem = "pe";
                if (reported.Add(at))
                {
                    Report(source, at, d => d.FormatNotExecutable(format.ToString(), where, accelerator.Name, accelerator.MinPeBits, accelerator.MaxPeBits));
                }
            }

            valid &= problem is null;
        }

        var inputResolved = Pick(inputRule, defaultRule);
        input = inputResolved.Precision;
        Check(input, inputResolved.Span, Where(inputResolved.Span, "the input"));
        var result = ImmutableArray.CreateBuilder<LayerPrecision>(network.Layers.Length);
        foreach (var layer in network.Layers)
        {
            var own = layerRules.GetValueOrDefault(layer.Name);
            PassPrecision Resolve(Pass pass)
            {
                var resolved = Pick(own?.GetValueOrDefault(PassKeyword(pass)), own?.GetValueOrDefault("all"), passRules.GetValueOrDefault(pass), defaultRule);
                Check(resolved.Precision, resolved.Span, Where(resolved.Span, $"the {PassKeyword(pass)} pass of '{layer.Name}'"));
                return resolved.Precision;
            }

            result.Add(new LayerPrecision(Resolve(Pass.Forward), Resolve(Pass.Error), Resolve(Pass.WeightGradient), Resolve(Pass.Update)));
        }

        if (!valid)
        {
            ok = false;
        }

        return result.MoveToImmutable();
    }

    /// <summary>The keyword that names <paramref name="pass"/> in a precision block.</summary>
    public static string PassKeyword(Pass pass) => pass switch
    {
        Pass.Forward => "forward",
        Pass.Error => "error",
        Pass.WeightGradient => "weight_gradient",
        _ => "update",
    };
}
