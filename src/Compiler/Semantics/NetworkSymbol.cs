using System.Collections.Immutable;

namespace TaxoNN.Compiler.Semantics;

/// <summary>A bound network: its input shape, its layers in order with shapes, and its loss.</summary>
public sealed record NetworkSymbol(string Name, SourceLocation Location, Shape Input, ImmutableArray<LayerSymbol> Layers, LossKind Loss)
{
    /// <summary>The shape of the network's output.</summary>
    public Shape Output => Layers.Length > 0 ? Layers[^1].Output : Input;

    /// <summary>The layer named <paramref name="name"/>, or null.</summary>
    public LayerSymbol? Find(string name) => Layers.FirstOrDefault(l => l.Name == name);
}
