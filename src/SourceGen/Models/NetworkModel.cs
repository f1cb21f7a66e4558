using TaxoNN.Compiler.Semantics;

namespace TaxoNN.SourceGen.Models;

/// <summary>
/// A network to generate, with its layers in order. When exactly one set-up of the same file trains it,
/// <see cref="Training"/> names that set-up and <see cref="Precision"/> holds its precision of each layer, so that
/// the network's layer classes can carry it too.
/// </summary>
public sealed record NetworkModel(
    string Name,
    string Identifier,
    int Start,
    int Length,
    Shape Input,
    LossKind Loss,
    EquatableArray<LayerModel> Layers,
    string? Training,
    EquatableArray<LayerPrecision> Precision);
