namespace TaxoNN.Compiler.Mapping;

/// <summary>
/// What an op costs on the array for a whole step: its mapping (for conv-like work), the cycles the PEs compute,
/// the cycles the global buffer and DRAM need at their bandwidths, the op's cycles (the largest of the three:
/// transfers overlap compute), the PEs it occupies and its accesses per level.
/// </summary>
public sealed record OpCost(
    RowStationaryMapping? Mapping,
    RowStationaryMapping? SecondMapping,
    long ComputeCycles,
    long GlobalBufferCycles,
    long DramCycles,
    int PesUsed,
    long ExecutedMacs,
    Accesses Accesses)
{
    /// <summary>The op's cycles: compute and transfers overlap, so the slowest of them.</summary>
    public long Cycles => Math.Max(ComputeCycles, Math.Max(GlobalBufferCycles, DramCycles));

    /// <summary>What bounds the op: compute, global buffer or DRAM.</summary>
    public string Bound => Cycles == 0 ? "none"
        : Cycles == ComputeCycles ? "compute"
        : Cycles == GlobalBufferCycles ? "global buffer"
        : "dram";
}
