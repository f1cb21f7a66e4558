using TaxoNN.Compiler.Semantics;

namespace TaxoNN.SourceGen.Models;

/// <summary>An accelerator to generate: the bound values of <see cref="AcceleratorSymbol"/>, its C# name and its span.</summary>
public sealed record AcceleratorModel(
    string Name,
    string Identifier,
    int Start,
    int Length,
    int Rows,
    int Columns,
    int IfmapSpadWords,
    int FilterSpadWords,
    int PsumSpadWords,
    long GlobalBufferBytes,
    double GlobalBufferWordsPerCycle,
    double DramWordsPerCycle,
    double ClockHz,
    double TechnologyNm,
    int MinPeBits,
    int MaxPeBits,
    int AccumulatorBits,
    bool TrainingExtensions,
    EnergyTable Energy);
