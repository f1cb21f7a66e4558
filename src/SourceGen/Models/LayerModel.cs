using TaxoNN.Compiler.Semantics;

namespace TaxoNN.SourceGen.Models;

/// <summary>A layer to generate: the bound values of <see cref="LayerSymbol"/>, its C# name and its span.</summary>
public sealed record LayerModel(
    string Name,
    string Identifier,
    int Index,
    LayerKind Kind,
    int Start,
    int Length,
    Shape Input,
    Shape Output,
    int Units,
    int KernelHeight,
    int KernelWidth,
    int StrideHeight,
    int StrideWidth,
    int PaddingHeight,
    int PaddingWidth,
    bool Bias,
    long WeightCount,
    int BiasCount);
