using TaxoNN.Language.Syntax;

namespace TaxoNN.Language.Schema;

/// <content>Networks: the input, named layers with their arguments, and the loss.</content>
public sealed partial class StructureChecker
{
    private enum ArgumentKind
    {
        Count,
        Size,
        Padding,
        Boolean,
    }

    private sealed record LayerArgument(string Name, ArgumentKind Kind, bool Required);

    private static readonly Dictionary<string, LayerArgument[]> LayerArguments = new(StringComparer.Ordinal)
    {
        ["conv2d"] =
        [
            new("filters", ArgumentKind.Count, true),
            new("kernel", ArgumentKind.Size, true),
            new("stride", ArgumentKind.Size, false),
            new("padding", ArgumentKind.Padding, false),
            new("bias", ArgumentKind.Boolean, false),
        ],
        ["maxpool"] = [new("kernel", ArgumentKind.Size, true), new("stride", ArgumentKind.Size, false), new("padding", ArgumentKind.Padding, false)],
        ["avgpool"] = [new("kernel", ArgumentKind.Size, true), new("stride", ArgumentKind.Size, false), new("padding", ArgumentKind.Padding, false)],
        ["dense"] = [new("units", ArgumentKind.Count, true), new("bias", ArgumentKind.Boolean, false)],
        ["flatten"] = [],
        ["relu"] = [],
        ["sigmoid"] = [],
        ["tanh"] = [],
        ["identity"] = [],
    };

    private void CheckNetwork(BlockSyntax block, string name)
    {
        var where = $"network '{name}'";
        StatementSyntax? input = null;
        StatementSyntax? loss = null;
        var layerCount = 0;
        foreach (var node in block.Statements)
        {
            if (node is not StatementSyntax statement)
            {
                continue;
            }

            var keyword = statement.Keyword.Name;
            if (statement.Label is null && keyword is "input" or "loss")
            {
                NoArguments(statement);
                ref var first = ref keyword == "input" ? ref input : ref loss;
                if (first is not null)
                {
                    var position = source.GetPosition(first.Span.Start);
                    Report(statement.Keyword.Span, d => d.DuplicateStatement(keyword, where, position));
                    continue;
                }

                first = statement;
                if (keyword == "input")
                {
                    ExpectDimensions(statement, 1, 3, "a shape such as '1 x 28 x 28' (channels x height x width) or '784' (a vector)");
                }
                else
                {
                    ExpectChoice(statement, LanguageNames.Losses);
                }

                continue;
            }

            if (!LayerArguments.TryGetValue(keyword, out var arguments))
            {
                var known = LanguageNames.LayerKinds;
                if (statement.Label is null)
                {
                    Report(statement.Keyword.Span, d => d.UnknownStatement(keyword, where, ["input", "loss", .. known.Select(k => $"name: {k}")]));
                }
                else
                {
                    // Still a layer, only of a wrong kind: "needs a layer" would then be noise.
                    layerCount++;
                    Report(statement.Keyword.Span, d => d.UnknownLayerKind(keyword, known));
                }

                continue;
            }

            layerCount++;
            if (statement.Label is null)
            {
                Report(statement.Keyword.Span, d => d.MissingLabel(keyword));
            }

            if (statement.Values.Length > 0)
            {
                Report(ValuesSpan(statement), d => d.WrongValueKind(keyword, "only arguments in parentheses after the layer kind", Describe(statement.Values)));
            }

            CheckLayerArguments(statement, arguments);
        }

        if (!IsComplete(block))
        {
            return;
        }

        if (input is null)
        {
            Report(BlockStart(block), d => d.MissingStatement("input", where, "input 1 x 28 x 28"));
        }

        if (layerCount == 0)
        {
            Report(BlockStart(block), d => d.MissingStatement("a layer", where, "f1: dense(units: 10)"));
        }

        if (loss is null)
        {
            Report(BlockStart(block), d => d.MissingStatement("loss", where, "loss softmax_cross_entropy"));
        }
    }

    private void CheckLayerArguments(StatementSyntax statement, LayerArgument[] arguments)
    {
        var kind = statement.Keyword.Name;
        var names = arguments.Select(a => a.Name).ToArray();
        var given = new HashSet<string>(StringComparer.Ordinal);
        var list = statement.Arguments?.Arguments ?? [];
        foreach (var argument in list)
        {
            if (argument.Name is null)
            {
                Report(argument.Span, d => d.WrongValueKind(kind, $"named arguments, as in '{kind}({(names.Length > 0 ? names[0] : "name")}: ...)'", Describe(argument.Value)));
                continue;
            }

            var name = argument.Name.Name;
            var spec = arguments.FirstOrDefault(a => a.Name == name);
            if (spec is null)
            {
                Report(argument.Name.Span, d => d.UnknownArgument(name, kind, names));
                continue;
            }

            if (!given.Add(name))
            {
                Report(argument.Name.Span, d => d.DuplicateArgument(name, kind));
                continue;
            }

            CheckLayerArgument(name, spec.Kind, argument.Value);
        }

        foreach (var missing in arguments.Where(a => a.Required && !given.Contains(a.Name)))
        {
            var span = statement.Arguments?.Span ?? statement.Keyword.Span;
            Report(span, d => d.MissingArgument(missing.Name, kind, Example(kind)));
        }
    }

    private static string Example(string kind) => kind switch
    {
        "conv2d" => "conv2d(filters: 6, kernel: 5)",
        "dense" => "dense(units: 10)",
        _ => $"{kind}(kernel: 2)",
    };

    private void CheckLayerArgument(string name, ArgumentKind kind, ValueSyntax value)
    {
        switch (kind)
        {
            case ArgumentKind.Count:
                ExpectNumber(name, value, true, 1, int.MaxValue, "a whole number from 1 to 2147483647");
                break;
            case ArgumentKind.Size or ArgumentKind.Padding:
                var min = kind == ArgumentKind.Padding ? 0 : 1;
                var range = $"a whole number from {min} to 2147483647";
                if (value is DimensionsSyntax { Sizes.Length: 2 } dimensions)
                {
                    foreach (var size in dimensions.Sizes)
                    {
                        ExpectNumber(name, size, true, min, int.MaxValue, range);
                    }
                }
                else if (value is DimensionsSyntax)
                {
                    Report(value.Span, d => d.WrongValueKind(name, "one size, or height x width such as '5 x 5'", Describe(value)));
                }
                else
                {
                    ExpectNumber(name, value, true, min, int.MaxValue, range);
                }

                break;
            default:
                ExpectChoice(name, value, LanguageNames.Booleans);
                break;
        }
    }
}
