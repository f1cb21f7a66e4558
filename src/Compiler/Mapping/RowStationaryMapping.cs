namespace TaxoNN.Compiler.Mapping;

/// <summary>
/// How a conv-like op is laid onto the array, Eyeriss's row-stationary way (docs/timing-model.md, rules M1–M9):
/// PE sets of <see cref="SetHeight"/> filter rows x <see cref="SetWidth"/> output rows, <see cref="SetsDown"/> x
/// <see cref="SetsAcross"/> of them side by side; each PE runs <see cref="FiltersPerPe"/> filters x
/// <see cref="ChannelsPerPe"/> channels over <see cref="TapsPerPrimitive"/> taps of a filter row; the work is cut into
/// <see cref="Units"/> units that run <see cref="Passes"/> passes in lockstep.
/// </summary>
public sealed record RowStationaryMapping(
    int SetHeight,
    int SetWidth,
    int SetsDown,
    int SetsAcross,
    int FiltersPerPe,
    int ChannelsPerPe,
    int TapsPerPrimitive,
    int RowFolds,
    int TapFolds,
    int Bands,
    int OutputSplits,
    int OutputWidthPerUnit,
    long Units,
    long Passes)
{
    /// <summary>The PE sets that run at once.</summary>
    public int ParallelSets => SetsDown * SetsAcross;

    /// <summary>PEs that work in the fullest pass: the sets that get a unit, each of set height x set width PEs.</summary>
    public int PesUsed => (int)Math.Min(Units, ParallelSets) * SetHeight * SetWidth;

    /// <summary>Cycles one unit takes in one PE: filters x channels x taps x outputs.</summary>
    public long CyclesPerUnit => (long)FiltersPerPe * ChannelsPerPe * TapsPerPrimitive * OutputWidthPerUnit;

    /// <summary>Cycles to fill the filter spads before a pass: one word per cycle into every PE at once.</summary>
    public long FillCycles => (long)FiltersPerPe * ChannelsPerPe * TapsPerPrimitive;
}
