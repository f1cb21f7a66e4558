using TaxoNN.Runtime.CostModel;

namespace TaxoNN.Runtime.Tests.CostModel;

/// <summary>The calibrated model: the table inside 13..21 bits, interpolation between, the fit outside, and its labels.</summary>
public sealed class PeCostModelTests
{
    private static readonly PeCostModel Model = PeCostModel.Default;

    [Theory]
    [MemberData(nameof(PaperTablesTests.TableValues), MemberType = typeof(PaperTablesTests))]
    public void Reproduces_every_table_value_within_1_percent(Design design, CostQuantity quantity, int bits, double printed)
    {
        var estimate = Model.Estimate(design, quantity, bits);

        Assert.InRange(estimate.Value, printed * 0.99, printed * 1.01);
        Assert.Equal(EstimateSource.Table, estimate.Source);
        Assert.False(estimate.Extrapolated);
    }

    [Theory]
    [InlineData(Design.Eyeriss, CostQuantity.Area, 20.5, 13.7)]
    [InlineData(Design.TaxoNN, CostQuantity.Power, 13.25, 4.0625)]
    [InlineData(Design.Eyeriss, CostQuantity.Power, 16.9, 4.208)]
    public void Interpolates_linearly_between_neighbouring_widths(Design design, CostQuantity quantity, double bits, double expected)
    {
        var estimate = Model.Estimate(design, quantity, bits);

        Assert.Equal(expected, estimate.Value, 12);
        Assert.Equal(EstimateSource.Interpolated, estimate.Source);
        Assert.False(estimate.Extrapolated);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(12.999)]
    [InlineData(21.001)]
    [InlineData(24)]
    [InlineData(32)]
    public void Widths_outside_13_to_21_come_from_the_fit_and_are_marked_extrapolated(double bits)
    {
        foreach (var design in new[] { Design.Eyeriss, Design.TaxoNN })
        {
            foreach (var quantity in new[] { CostQuantity.Area, CostQuantity.Power })
            {
                var estimate = Model.Estimate(design, quantity, bits);

                Assert.Equal(Model.Fit(design, quantity).Evaluate(bits), estimate.Value);
                Assert.Equal(EstimateSource.Fit, estimate.Source);
                Assert.True(estimate.Extrapolated);
            }
        }
    }

    [Theory]
    [InlineData(1.999)]
    [InlineData(32.001)]
    [InlineData(64)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Widths_outside_2_to_32_are_rejected(double bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Estimate(Design.Eyeriss, CostQuantity.Power, bits));
    }

    [Fact]
    public void Every_estimate_from_2_to_32_bits_is_positive()
    {
        for (var bits = (double)PeCostModel.MinBits; bits <= PeCostModel.MaxBits; bits += 0.125)
        {
            foreach (var design in new[] { Design.Eyeriss, Design.TaxoNN })
            {
                Assert.True(Model.Estimate(design, CostQuantity.Area, bits).Value > 0);
                Assert.True(Model.Estimate(design, CostQuantity.Power, bits).Value > 0);
            }
        }
    }

    [Fact]
    public void Relative_figures_are_measured_against_eyeriss_at_16_bits()
    {
        Assert.Equal(16, PeCostModel.ReferenceBits);
        Assert.Equal(1.0, Model.Relative(Design.Eyeriss, CostQuantity.Area, 16).Value, 15);
        Assert.Equal(4.84 / 4.10, Model.Relative(Design.TaxoNN, CostQuantity.Power, 21).Value, 12);
        Assert.Equal(8.1 / 10.1, Model.Relative(Design.Eyeriss, CostQuantity.Area, 13).Value, 12);

        var extrapolated = Model.Relative(Design.Eyeriss, CostQuantity.Area, 8);
        Assert.True(extrapolated.Extrapolated);
        Assert.Equal(Model.Fit(Design.Eyeriss, CostQuantity.Area).Evaluate(8) / 10.1, extrapolated.Value, 12);
    }

    [Fact]
    public void TaxoNN_over_Eyeriss_is_the_ratio_at_the_same_width_with_its_source()
    {
        var table = Model.TaxoNNOverEyeriss(CostQuantity.Area, 16);
        Assert.Equal(11.2 / 10.1, table.Value, 12);
        Assert.Equal(EstimateSource.Table, table.Source);

        var interpolated = Model.TaxoNNOverEyeriss(CostQuantity.Power, 14.5);
        Assert.Equal(((4.13 + 4.15) / 2) / ((3.88 + 3.98) / 2), interpolated.Value, 12);
        Assert.Equal(EstimateSource.Interpolated, interpolated.Source);

        var fitted = Model.TaxoNNOverEyeriss(CostQuantity.Power, 32);
        Assert.True(fitted.Extrapolated);
        Assert.Equal(Model.Fit(Design.TaxoNN, CostQuantity.Power).Evaluate(32) / Model.Fit(Design.Eyeriss, CostQuantity.Power).Evaluate(32), fitted.Value, 12);
    }

    [Fact]
    public void An_array_costs_its_pe_count_times_one_pe()
    {
        // Eyeriss's array is 12 x 14 = 168 PEs.
        var array = Model.EstimateArray(Design.Eyeriss, CostQuantity.Area, 16, 168);
        Assert.Equal(168 * 10.1, array.Value, 10);
        Assert.Equal(EstimateSource.Table, array.Source);

        var extrapolated = Model.EstimateArray(Design.TaxoNN, CostQuantity.Power, 8, 4);
        Assert.Equal(4 * Model.Estimate(Design.TaxoNN, CostQuantity.Power, 8).Value, extrapolated.Value, 12);
        Assert.True(extrapolated.Extrapolated);

        Assert.Equal(0, Model.EstimateArray(Design.TaxoNN, CostQuantity.Area, 16, 0).Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.EstimateArray(Design.TaxoNN, CostQuantity.Area, 16, -1));
    }

    [Theory]
    [InlineData(CostQuantity.Area, 21, 15.5 / 14.3)]
    [InlineData(CostQuantity.Area, 13, 9.0 / 8.1)]
    [InlineData(CostQuantity.Power, 15, 4.15 / 3.98)]
    public void Recomputed_overhead_is_taxonn_over_eyeriss_minus_1_from_the_rounded_table(CostQuantity quantity, int bits, double ratio)
    {
        Assert.Equal(ratio - 1, Model.RecomputedOverhead(quantity, bits), 12);
    }

    // The rows docs/cost-model.md prints, in percent to two decimals, 21 down to 13 bits.
    [Theory]
    [InlineData(CostQuantity.Area, new[] { 8.39, 9.16, 9.32, 9.01, 10.38, 10.89, 9.28, 10.00, 11.11 })]
    [InlineData(CostQuantity.Power, new[] { 6.61, 6.70, 6.33, 7.89, 6.40, 5.12, 4.27, 6.44, 7.73 })]
    public void Recomputed_overhead_rows_are_the_documented_ones(CostQuantity quantity, double[] percent)
    {
        var actual = PaperTables.Bitwidths.Select(bits => Math.Round(100 * Model.RecomputedOverhead(quantity, bits), 2));
        Assert.Equal(percent, actual);
    }

    [Fact]
    public void Recomputed_averages_are_9_7_percent_for_area_and_6_4_percent_for_power()
    {
        Assert.Equal(9.7, Math.Round(100 * Model.RecomputedAverageOverhead(CostQuantity.Area), 1));
        Assert.Equal(6.4, Math.Round(100 * Model.RecomputedAverageOverhead(CostQuantity.Power), 1));
        Assert.Equal(9.727, Math.Round(100 * Model.RecomputedAverageOverhead(CostQuantity.Area), 3));
        Assert.Equal(6.388, Math.Round(100 * Model.RecomputedAverageOverhead(CostQuantity.Power), 3));
    }

    [Fact]
    public void Recomputed_area_average_differs_from_the_printed_one_and_power_agrees_after_rounding()
    {
        var area = 100 * (Model.RecomputedAverageOverhead(CostQuantity.Area) - PaperTables.PaperAverageOverhead(CostQuantity.Area));
        var power = 100 * (Model.RecomputedAverageOverhead(CostQuantity.Power) - PaperTables.PaperAverageOverhead(CostQuantity.Power));

        Assert.InRange(area, 0.2, 0.3);
        Assert.InRange(Math.Abs(power), 0, 0.05);
    }

    [Fact]
    public void Recomputed_power_row_stays_within_0_14_points_of_the_printed_one_and_area_within_1_3()
    {
        var power = PaperTables.Bitwidths.Max(b => Math.Abs(Model.RecomputedOverhead(CostQuantity.Power, b) - PaperTables.PaperOverhead(CostQuantity.Power, b)));
        var area = PaperTables.Bitwidths.Max(b => Math.Abs(Model.RecomputedOverhead(CostQuantity.Area, b) - PaperTables.PaperOverhead(CostQuantity.Area, b)));

        Assert.InRange(100 * power, 0.13, 0.14);
        Assert.InRange(100 * area, 0.6, 1.3);
    }

    // The limits of the fit that docs/cost-model.md states, to the digits it prints.
    [Fact]
    public void Documented_extrapolated_figures_are_the_models()
    {
        Assert.Equal(8.43, Math.Round(Model.Estimate(Design.Eyeriss, CostQuantity.Area, 12.999).Value, 2));
        Assert.Equal(9.15, Math.Round(Model.Estimate(Design.Eyeriss, CostQuantity.Area, 2).Value, 2));
        Assert.Equal(9.55, Math.Round(Model.Estimate(Design.TaxoNN, CostQuantity.Area, 2).Value, 2));
        Assert.Equal(1.35, Math.Round(Model.TaxoNNOverEyeriss(CostQuantity.Power, 2).Value, 2));
        Assert.Equal(1.18, Math.Round(Model.TaxoNNOverEyeriss(CostQuantity.Power, 32).Value, 2));
        Assert.Equal(1.04, Math.Round(Model.TaxoNNOverEyeriss(CostQuantity.Area, 2).Value, 2));
        Assert.Equal(1.05, Math.Round(Model.TaxoNNOverEyeriss(CostQuantity.Area, 32).Value, 2));
        Assert.Equal(1.109, Math.Round(Model.TaxoNNOverEyeriss(CostQuantity.Area, 16).Value, 3));
        Assert.Equal(4.771, Math.Round(Model.Estimate(Design.Eyeriss, CostQuantity.Power, 32).Value, 3));
        Assert.Equal(1.27, Math.Round(Model.Estimate(Design.Eyeriss, CostQuantity.Power, 32).Value / 3.75, 2));
        Assert.Equal(1.746, Math.Round(Model.Estimate(Design.Eyeriss, CostQuantity.Power, 2).Value, 3));
        Assert.Equal(2.356, Math.Round(Model.Estimate(Design.TaxoNN, CostQuantity.Power, 2).Value, 3));
    }

    [Fact]
    public void Lowest_area_fits_on_2_to_32_bits_are_7_534_and_8_205()
    {
        Assert.Equal(7.534, Math.Round(LowestOnRange(Model.Fit(Design.Eyeriss, CostQuantity.Area)), 3));
        Assert.Equal(8.205, Math.Round(LowestOnRange(Model.Fit(Design.TaxoNN, CostQuantity.Area)), 3));
    }

    private static double LowestOnRange(QuadraticFit fit)
    {
        var vertex = Math.Clamp(-fit.B / (2 * fit.C), PeCostModel.MinBits, PeCostModel.MaxBits);
        return Math.Min(fit.Evaluate(vertex), Math.Min(fit.Evaluate(PeCostModel.MinBits), fit.Evaluate(PeCostModel.MaxBits)));
    }
}
