using System.Collections.Immutable;

namespace TaxoNN.Compiler.Semantics;

/// <summary>
/// A bound training set-up: the network and accelerator it names, its data, SGD settings, and the precision of
/// every layer and pass, resolved (in <see cref="Precision"/>, one entry per layer, in layer order).
/// <see cref="AcceleratorReference"/> is where the set-up names its accelerator.
/// </summary>
public sealed record TrainingSymbol(
    string Name,
    SourceLocation Location,
    NetworkSymbol Network,
    AcceleratorSymbol Accelerator,
    DataSpec Data,
    double LearningRate,
    int BatchSize,
    int Epochs,
    long Seed,
    bool Shuffle,
    bool Fuse,
    PassPrecision Input,
    ImmutableArray<LayerPrecision> Precision,
    SourceLocation AcceleratorReference)
{
    /// <summary>The precision of <paramref name="layer"/>.</summary>
    public LayerPrecision PrecisionOf(LayerSymbol layer) => Precision[layer.Index];
}
