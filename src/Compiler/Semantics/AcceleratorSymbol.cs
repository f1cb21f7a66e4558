namespace TaxoNN.Compiler.Semantics;

/// <summary>A bound accelerator declaration with every default filled in (docs/language.md lists them).</summary>
public sealed record AcceleratorSymbol(
    string Name,
    SourceLocation Location,
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
    EnergyTable Energy)
{
    /// <summary>The number of PEs.</summary>
    public int PeCount => Rows * Columns;

    /// <summary>The register file of one PE, in words.</summary>
    public int RegisterFileWords => IfmapSpadWords + FilterSpadWords + PsumSpadWords;
}
