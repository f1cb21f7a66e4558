using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Serialization;

/// <summary>One tensor a network's state_dict holds: its name, the layer it belongs to, whether it is the bias, and its shape.</summary>
public sealed record TensorSpec(string Name, LayerSymbol Layer, bool IsBias, ImmutableArray<int> Shape)
{
    /// <summary>What the dimensions mean, as in "[out, in, kh, kw]".</summary>
    public string Layout => IsBias ? "[out]" : Layer.Kind == LayerKind.Conv2d ? "[out, in, kh, kw]" : "[out, in]";

    /// <summary>The number of elements.</summary>
    public long Elements => Shape.Aggregate(1L, (product, dimension) => product * dimension);
}
