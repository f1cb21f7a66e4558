using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Syntax;
using static TaxoNN.Compiler.Binding.SyntaxValues;

namespace TaxoNN.Compiler.Binding;

/// <content>Networks: layers in order, with shapes inferred through them.</content>
public sealed partial class Binder
{
    /// <summary>The most elements one tensor (activations of one sample, or weights) may have.</summary>
    public const long MaxTensorElements = int.MaxValue;

    private NetworkSymbol? BindNetwork(Declaration declaration)
    {
        var body = declaration.Body;
        var source = declaration.Source;
        var inputStatement = Find(body, "input");
        var input = Single(inputStatement) switch
        {
            NumberSyntax n when Integer(n) is { } length => Shape.Vector((int)length),
            DimensionsSyntax { Sizes.Length: 2 } d => Shape.Map(1, (int)(Integer(d.Sizes[0]) ?? 1), (int)(Integer(d.Sizes[1]) ?? 1)),
            DimensionsSyntax { Sizes.Length: 3 } d => Shape.Map((int)(Integer(d.Sizes[0]) ?? 1), (int)(Integer(d.Sizes[1]) ?? 1), (int)(Integer(d.Sizes[2]) ?? 1)),
            _ => (Shape?)null,
        };
        if (input is not { } shape)
        {
            return null;
        }

        if (shape.Elements > MaxTensorElements)
        {
            Report(source, inputStatement!.Values[0].Span, d => d.ShapeTooLarge("the input", shape.Elements.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxTensorElements.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return null;
        }

        var layers = ImmutableArray.CreateBuilder<LayerSymbol>();
        var names = new Dictionary<string, StatementSyntax>(StringComparer.Ordinal);
        var producer = "the input";
        var ok = true;
        foreach (var statement in body.Statements.OfType<StatementSyntax>())
        {
            if (statement.Label is not { } label)
            {
                continue;
            }

            if (names.TryGetValue(label.Name, out var first))
            {
                var position = source.GetPosition(first.Span.Start);
                Report(source, label.Span, d => d.DuplicateLayer(label.Name, declaration.Name, position));
                ok = false;
                continue;
            }

            names.Add(label.Name, statement);
            if (!ok)
            {
                continue;
            }

            var layer = BindLayer(declaration, statement, layers.Count, shape, producer);
            if (layer is null)
            {
                ok = false;
                continue;
            }

            layers.Add(layer);
            shape = layer.Output;
            producer = $"'{layer.Name}'";
        }

        var loss = Name(Find(body, "loss")) == "mean_squared_error" ? LossKind.MeanSquaredError : LossKind.SoftmaxCrossEntropy;
        if (!ok || layers.Count == 0)
        {
            return null;
        }

        var last = layers[^1];
        if (!last.Output.IsVector)
        {
            var lossStatement = Find(body, "loss");
            Report(source, lossStatement?.Span ?? declaration.Statement.Values[0].Span, d => d.OutputMismatch(
                declaration.Name, last.Output.ToString(), "a loss needs a vector of class scores; end the network with a flatten and a dense layer"));
            return null;
        }

        return new NetworkSymbol(declaration.Name, new SourceLocation(source, declaration.Statement.Values[0].Span), input.Value, layers.ToImmutable(), loss);
    }

    private LayerSymbol? BindLayer(Declaration declaration, StatementSyntax statement, int index, Shape input, string producer)
    {
        var source = declaration.Source;
        var name = statement.Label!.Name;
        var kindName = statement.Keyword.Name;
        var location = new SourceLocation(source, statement.Label.Span.Cover(statement.Keyword.Span));
        var arguments = (statement.Arguments?.Arguments ?? []).Where(a => a.Name is not null).ToDictionary(a => a.Name!.Name, a => a.Value);
        ValueSyntax? Argument(string key) => arguments.GetValueOrDefault(key);

        var kind = kindName switch
        {
            "conv2d" => LayerKind.Conv2d,
            "maxpool" => LayerKind.MaxPool,
            "avgpool" => LayerKind.AvgPool,
            "dense" => LayerKind.Dense,
            "flatten" => LayerKind.Flatten,
            "relu" => LayerKind.Relu,
            "sigmoid" => LayerKind.Sigmoid,
            "tanh" => LayerKind.Tanh,
            _ => LayerKind.Identity,
        };

        var units = (int)(Integer(Argument(kind == LayerKind.Dense ? "units" : "filters")) ?? 0);
        var kernel = Pair(Argument("kernel")) ?? (1, 1);
        var stride = Pair(Argument("stride")) ?? (kind is LayerKind.MaxPool or LayerKind.AvgPool ? kernel : (1, 1));
        var padding = Pair(Argument("padding")) ?? (0, 0);
        var bias = Boolean(Argument("bias")) ?? true;
        var span = statement.Keyword.Span;

        Shape output;
        switch (kind)
        {
            case LayerKind.Conv2d or LayerKind.MaxPool or LayerKind.AvgPool:
                if (input.IsVector)
                {
                    Report(source, span, d => d.ShapeMismatch(name, kindName, "a feature map (channels x height x width)", producer, $"the vector {input}", "use it before the flatten, or use a dense layer"));
                    return null;
                }

                var paddedHeight = (long)input.Height + (2L * padding.Height);
                var paddedWidth = (long)input.Width + (2L * padding.Width);
                if (kernel.Height > paddedHeight || kernel.Width > paddedWidth)
                {
                    Report(source, (Argument("kernel")?.Span) ?? span, d => d.KernelTooLarge(name, $"{kernel.Height} x {kernel.Width}", $"{paddedHeight} x {paddedWidth}", producer));
                    return null;
                }

                var height = (int)(((paddedHeight - kernel.Height) / stride.Height) + 1);
                var width = (int)(((paddedWidth - kernel.Width) / stride.Width) + 1);
                output = Shape.Map(kind == LayerKind.Conv2d ? units : input.Channels, height, width);
                break;
            case LayerKind.Dense:
                if (!input.IsVector)
                {
                    Report(source, span, d => d.ShapeMismatch(name, kindName, "a vector", producer, $"the feature map {input}", "add a flatten layer before it, such as 'flat: flatten'"));
                    return null;
                }

                output = Shape.Vector(units);
                break;
            case LayerKind.Flatten:
                output = Shape.Vector((int)Math.Min(input.Elements, int.MaxValue));
                break;
            default:
                output = input;
                break;
        }

        var layer = new LayerSymbol(name, index, kind, location, input, output, units, kernel, stride, padding, bias);
        if (output.Elements > MaxTensorElements || layer.WeightCount > MaxTensorElements)
        {
            var what = output.Elements > MaxTensorElements ? $"the output of '{name}'" : $"the weights of '{name}'";
            var size = Math.Max(output.Elements, layer.WeightCount);
            Report(source, span, d => d.ShapeTooLarge(what, size.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxTensorElements.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return null;
        }

        return layer;
    }
}
