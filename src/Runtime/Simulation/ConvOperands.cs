namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// Where a conv-like pass finds its operands, as the operand multiplexers address them: the filter word (m, c, r, s)
/// at <c>Filter[FilterBase + m·StrideM + c·StrideC + r·StrideR + s·StrideS]</c>; the ifmap as a C x H x W plane with
/// padding and dilation zeros in place (<see cref="Real"/> marks the words that are not such zeros, when the op's MACs
/// count only those); the output (m, e, f) — or (m, c, e, f) for a weight gradient — summed exactly into
/// <see cref="Sink"/>. Columns advance by <see cref="ColumnStride"/> per output and <see cref="ColumnDilation"/> per tap.
/// </summary>
internal sealed record ConvOperands
{
    public required int[] Filter { get; init; }

    public int FilterBase { get; init; }

    public int StrideM { get; init; }

    public int StrideC { get; init; }

    public int StrideR { get; init; }

    public int StrideS { get; init; }

    public required int[] Ifmap { get; init; }

    public byte[]? Real { get; init; }

    public required long[] Sink { get; init; }

    public int ColumnStride { get; init; }

    public int ColumnDilation { get; init; }

    /// <summary>The bias-gradient sums a weight-gradient pass adds the error into as it fills the filter spads.</summary>
    public long[]? BiasSink { get; init; }

    public required OperandRoute Route { get; init; }

    /// <summary>For a fused dense error pass: the update path's work beside each MAC.</summary>
    public Action<int>? UpdatePath { get; init; }

    public int FilterIndex(int m, int c, int r, int s) =>
        FilterBase + (m * StrideM) + (c * StrideC) + (r * StrideR) + (s * StrideS);
}
