using TaxoNN.Runtime.CostModel;

namespace TaxoNN.Runtime.Tests.CostModel;

/// <summary>The paper's tables as data: the 36 values, the printed overhead rows and their averages.</summary>
public sealed class PaperTablesTests
{
    // The slides' "Hardware Cost" tables, typed in again here so a slip in either copy fails a test.
    private static readonly int[] Widths = [21, 20, 19, 18, 17, 16, 15, 14, 13];
    private static readonly double[] EyerissArea = [14.3, 13.1, 11.8, 11.1, 10.6, 10.1, 9.7, 9.0, 8.1];
    private static readonly double[] TaxoNNArea = [15.5, 14.3, 12.9, 12.1, 11.7, 11.2, 10.6, 9.9, 9.0];
    private static readonly double[] EyerissPower = [4.54, 4.48, 4.42, 4.31, 4.22, 4.10, 3.98, 3.88, 3.75];
    private static readonly double[] TaxoNNPower = [4.84, 4.78, 4.70, 4.65, 4.49, 4.31, 4.15, 4.13, 4.04];
    private static readonly double[] AreaOverhead = [8.3, 9.2, 9.1, 8.6, 10.0, 10.8, 8.8, 9.8, 10.5];
    private static readonly double[] PowerOverhead = [6.5, 6.7, 6.2, 7.9, 6.5, 5.2, 4.3, 6.5, 7.7];

    public static TheoryData<Design, CostQuantity, int, double> TableValues()
    {
        var data = new TheoryData<Design, CostQuantity, int, double>();
        for (var i = 0; i < Widths.Length; i++)
        {
            data.Add(Design.Eyeriss, CostQuantity.Area, Widths[i], EyerissArea[i]);
            data.Add(Design.TaxoNN, CostQuantity.Area, Widths[i], TaxoNNArea[i]);
            data.Add(Design.Eyeriss, CostQuantity.Power, Widths[i], EyerissPower[i]);
            data.Add(Design.TaxoNN, CostQuantity.Power, Widths[i], TaxoNNPower[i]);
        }

        return data;
    }

    public static TheoryData<CostQuantity, int, double> OverheadValues()
    {
        var data = new TheoryData<CostQuantity, int, double>();
        for (var i = 0; i < Widths.Length; i++)
        {
            data.Add(CostQuantity.Area, Widths[i], AreaOverhead[i]);
            data.Add(CostQuantity.Power, Widths[i], PowerOverhead[i]);
        }

        return data;
    }

    [Fact]
    public void Bitwidths_are_21_down_to_13()
    {
        Assert.Equal(Widths, PaperTables.Bitwidths);
        Assert.Equal(13, PaperTables.MinBits);
        Assert.Equal(21, PaperTables.MaxBits);
    }

    [Theory]
    [MemberData(nameof(TableValues))]
    public void Value_is_the_printed_table_value(Design design, CostQuantity quantity, int bits, double printed)
    {
        Assert.Equal(printed, PaperTables.Value(design, quantity, bits));
    }

    [Theory]
    [MemberData(nameof(OverheadValues))]
    public void Paper_overhead_is_the_printed_row(CostQuantity quantity, int bits, double printedPercent)
    {
        Assert.Equal(printedPercent / 100, PaperTables.PaperOverhead(quantity, bits), 12);
    }

    [Theory]
    [InlineData(CostQuantity.Area, 0.095)]
    [InlineData(CostQuantity.Power, 0.064)]
    public void Paper_average_is_printed_and_matches_its_row_within_rounding(CostQuantity quantity, double printed)
    {
        Assert.Equal(printed, PaperTables.PaperAverageOverhead(quantity));

        var mean = PaperTables.Bitwidths.Average(bits => PaperTables.PaperOverhead(quantity, bits));
        Assert.Equal(printed * 100, Math.Round(mean * 100, 1), 12);
    }

    [Fact]
    public void Means_of_the_printed_rows_are_9_456_and_6_389_percent()
    {
        Assert.Equal(9.4556, 100 * PaperTables.Bitwidths.Average(b => PaperTables.PaperOverhead(CostQuantity.Area, b)), 4);
        Assert.Equal(6.3889, 100 * PaperTables.Bitwidths.Average(b => PaperTables.PaperOverhead(CostQuantity.Power, b)), 4);
    }

    // The docs explain the gap between printed and recomputed overheads by rounding: every printed overhead must be
    // reachable from some unrounded pair of values that round to the printed table (half a unit in the last digit).
    [Theory]
    [MemberData(nameof(OverheadValues))]
    public void Printed_overhead_is_consistent_with_unrounded_table_values(CostQuantity quantity, int bits, double printedPercent)
    {
        var half = quantity == CostQuantity.Area ? 0.05 : 0.005;
        var eyeriss = PaperTables.Value(Design.Eyeriss, quantity, bits);
        var taxonn = PaperTables.Value(Design.TaxoNN, quantity, bits);
        var lowest = (taxonn - half) / (eyeriss + half) - 1;
        var highest = (taxonn + half) / (eyeriss - half) - 1;

        // The printed overhead is itself rounded to 0.1 %.
        Assert.InRange(printedPercent, (100 * lowest) - 0.05, (100 * highest) + 0.05);
    }

    [Fact]
    public void Baseline_power_reduction_from_21_to_13_bits_is_1_21()
    {
        Assert.Equal(4.54 / 3.75, PaperTables.BaselineReduction(CostQuantity.Power), 12);
        Assert.Equal(1.21, Math.Round(PaperTables.BaselineReduction(CostQuantity.Power), 2));
        Assert.Equal(1.211, Math.Round(PaperTables.BaselineReduction(CostQuantity.Power), 3));
        Assert.Equal(1.765, Math.Round(PaperTables.BaselineReduction(CostQuantity.Area), 3));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(22)]
    [InlineData(0)]
    public void Widths_outside_the_table_are_rejected(int bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperTables.Value(Design.Eyeriss, CostQuantity.Area, bits));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperTables.PaperOverhead(CostQuantity.Power, bits));
    }
}
