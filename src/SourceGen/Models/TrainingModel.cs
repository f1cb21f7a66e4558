using TaxoNN.Compiler.Semantics;

namespace TaxoNN.SourceGen.Models;

/// <summary>
/// A training set-up to generate: the bound values of <see cref="TrainingSymbol"/>, the C# names of the network and
/// accelerator classes it builds on (generated from their own files), and the names of the network's layers.
/// </summary>
public sealed record TrainingModel(
    string Name,
    string Identifier,
    int Start,
    int Length,
    string Network,
    string NetworkIdentifier,
    string Accelerator,
    string AcceleratorIdentifier,
    int AcceleratorStart,
    int AcceleratorLength,
    DatasetKind Dataset,
    string DataPath,
    double Divisor,
    EquatableArray<double> Mean,
    EquatableArray<double> Std,
    double LearningRate,
    int BatchSize,
    int Epochs,
    long Seed,
    bool Shuffle,
    bool Fuse,
    PassPrecision Input,
    EquatableArray<LayerPrecision> Precision,
    EquatableArray<string> LayerNames,
    EquatableArray<string> LayerIdentifiers);
