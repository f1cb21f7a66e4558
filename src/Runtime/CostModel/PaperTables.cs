using System.Collections.Immutable;

namespace TaxoNN.Runtime.CostModel;

/// <summary>The paper's synthesis tables of one PE (TaxoNN, ISCAS 2020, "Hardware Cost": RTL Verilog, Design Compiler, 45 nm), exactly as printed.</summary>
/// <remarks>
/// The slides state no units for either table, so every value here is in "table units". The values are taken as
/// the cost of one processing element; an array costs its number of PEs times that value.
/// </remarks>
public static class PaperTables
{
    /// <summary>The narrowest width in the tables, in bits.</summary>
    public const int MinBits = 13;

    /// <summary>The widest width in the tables, in bits.</summary>
    public const int MaxBits = 21;

    /// <summary>The table's widths in the paper's order, 21 down to 13 bits.</summary>
    public static ImmutableArray<int> Bitwidths { get; } = [21, 20, 19, 18, 17, 16, 15, 14, 13];

    // Every row below follows the order of Bitwidths (21 down to 13 bits).
    private static readonly double[] EyerissArea = [14.3, 13.1, 11.8, 11.1, 10.6, 10.1, 9.7, 9.0, 8.1];
    private static readonly double[] TaxoNNArea = [15.5, 14.3, 12.9, 12.1, 11.7, 11.2, 10.6, 9.9, 9.0];
    private static readonly double[] EyerissPower = [4.54, 4.48, 4.42, 4.31, 4.22, 4.10, 3.98, 3.88, 3.75];
    private static readonly double[] TaxoNNPower = [4.84, 4.78, 4.70, 4.65, 4.49, 4.31, 4.15, 4.13, 4.04];

    // The printed overhead rows, in percent; the paper computed them from unrounded synthesis values.
    private static readonly double[] AreaOverheadPercent = [8.3, 9.2, 9.1, 8.6, 10.0, 10.8, 8.8, 9.8, 10.5];
    private static readonly double[] PowerOverheadPercent = [6.5, 6.7, 6.2, 7.9, 6.5, 5.2, 4.3, 6.5, 7.7];

    /// <summary>The printed value of one PE at a table width, in table units.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is not in the table (13..21 bits).</exception>
    public static double Value(Design design, CostQuantity quantity, int bits) =>
        Row(design, quantity)[Index(bits)];

    /// <summary>The paper's printed overhead of TaxoNN over Eyeriss at a table width, as a fraction (0.083 is 8.3 %).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is not in the table (13..21 bits).</exception>
    public static double PaperOverhead(CostQuantity quantity, int bits) =>
        OverheadRow(quantity)[Index(bits)] / 100;

    /// <summary>The paper's printed average overhead, as a fraction: 0.095 for area, 0.064 for power.</summary>
    public static double PaperAverageOverhead(CostQuantity quantity) => quantity switch
    {
        CostQuantity.Area => 0.095,
        CostQuantity.Power => 0.064,
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Unknown cost quantity."),
    };

    /// <summary>How much the Eyeriss baseline saves from 21 down to 13 bits: its value at 21 over its value at 13 (power 4.54 / 3.75, area 14.3 / 8.1).</summary>
    public static double BaselineReduction(CostQuantity quantity) =>
        Value(Design.Eyeriss, quantity, MaxBits) / Value(Design.Eyeriss, quantity, MinBits);

    private static int Index(int bits) => bits is >= MinBits and <= MaxBits
        ? MaxBits - bits
        : throw new ArgumentOutOfRangeException(nameof(bits), bits, $"The paper's tables cover {MinBits} to {MaxBits} bits.");

    private static double[] Row(Design design, CostQuantity quantity) => (design, quantity) switch
    {
        (Design.Eyeriss, CostQuantity.Area) => EyerissArea,
        (Design.TaxoNN, CostQuantity.Area) => TaxoNNArea,
        (Design.Eyeriss, CostQuantity.Power) => EyerissPower,
        (Design.TaxoNN, CostQuantity.Power) => TaxoNNPower,
        _ => throw new ArgumentOutOfRangeException(nameof(design), $"Unknown design or quantity: {design}, {quantity}."),
    };

    private static double[] OverheadRow(CostQuantity quantity) => quantity switch
    {
        CostQuantity.Area => AreaOverheadPercent,
        CostQuantity.Power => PowerOverheadPercent,
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Unknown cost quantity."),
    };
}
