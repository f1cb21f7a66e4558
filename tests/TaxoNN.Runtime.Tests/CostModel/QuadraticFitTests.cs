using TaxoNN.Runtime.CostModel;

namespace TaxoNN.Runtime.Tests.CostModel;

/// <summary>The quadratic fits outside the table: they are least-squares fits, and their stated errors are true.</summary>
public sealed class QuadraticFitTests
{
    public static TheoryData<Design, CostQuantity> Columns() => new()
    {
        { Design.Eyeriss, CostQuantity.Area },
        { Design.TaxoNN, CostQuantity.Area },
        { Design.Eyeriss, CostQuantity.Power },
        { Design.TaxoNN, CostQuantity.Power },
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public void Stated_largest_error_is_the_true_largest_error_over_the_table(Design design, CostQuantity quantity)
    {
        var fit = PeCostModel.Default.Fit(design, quantity);
        var errors = PaperTables.Bitwidths
            .Select(bits => Math.Abs(fit.Evaluate(bits) - PaperTables.Value(design, quantity, bits)) / PaperTables.Value(design, quantity, bits))
            .ToArray();

        Assert.All(errors, error => Assert.True(error <= fit.MaxTableError, $"{error} exceeds the stated {fit.MaxTableError}."));
        Assert.Equal(errors.Max(), fit.MaxTableError, 15);
    }

    // Least squares leaves residuals orthogonal to every column of the design matrix (1, w, w²).
    [Theory]
    [MemberData(nameof(Columns))]
    public void Residuals_are_orthogonal_to_1_w_and_w_squared(Design design, CostQuantity quantity)
    {
        var fit = PeCostModel.Default.Fit(design, quantity);
        for (var power = 0; power <= 2; power++)
        {
            var dot = 0.0;
            var scale = 0.0;
            foreach (var bits in PaperTables.Bitwidths)
            {
                var value = PaperTables.Value(design, quantity, bits);
                dot += (value - fit.Evaluate(bits)) * Math.Pow(bits, power);
                scale += value * Math.Pow(bits, power);
            }

            Assert.True(Math.Abs(dot) < 1e-10 * scale, $"Residuals times w^{power} sum to {dot}.");
        }
    }

    // The numbers printed in docs/cost-model.md, to 4 significant digits, with the width of the largest error.
    [Theory]
    [InlineData(Design.Eyeriss, CostQuantity.Area, 10.34, -0.6749, 0.04058, 0.04018, 13)]
    [InlineData(Design.TaxoNN, CostQuantity.Area, 10.64, -0.6275, 0.04037, 0.03421, 13)]
    [InlineData(Design.Eyeriss, CostQuantity.Power, 1.272, 0.2454, -0.004253, 0.004598, 19)]
    [InlineData(Design.TaxoNN, CostQuantity.Power, 2.004, 0.1801, -0.002067, 0.02176, 15)]
    public void Fitted_parameters_and_errors_are_the_documented_ones(
        Design design, CostQuantity quantity, double a, double b, double c, double maxError, int worstBits)
    {
        var fit = PeCostModel.Default.Fit(design, quantity);

        AssertFourDigits(a, fit.A);
        AssertFourDigits(b, fit.B);
        AssertFourDigits(c, fit.C);
        AssertFourDigits(maxError, fit.MaxTableError);
        var value = PaperTables.Value(design, quantity, worstBits);
        Assert.Equal(fit.MaxTableError, Math.Abs(fit.Evaluate(worstBits) - value) / value, 15);
    }

    [Fact]
    public void Area_fits_miss_the_table_by_up_to_4_percent_and_power_fits_by_up_to_2_2_percent()
    {
        var model = PeCostModel.Default;
        Assert.InRange(model.Fit(Design.Eyeriss, CostQuantity.Area).MaxTableError, 0.040, 0.041);
        Assert.InRange(model.Fit(Design.TaxoNN, CostQuantity.Area).MaxTableError, 0.034, 0.035);
        Assert.InRange(model.Fit(Design.Eyeriss, CostQuantity.Power).MaxTableError, 0.0045, 0.0047);
        Assert.InRange(model.Fit(Design.TaxoNN, CostQuantity.Power).MaxTableError, 0.021, 0.022);
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Fits_are_positive_from_2_to_32_bits(Design design, CostQuantity quantity)
    {
        var fit = PeCostModel.Default.Fit(design, quantity);
        for (var bits = PeCostModel.MinBits; bits <= PeCostModel.MaxBits; bits++)
        {
            Assert.True(fit.Evaluate(bits) > 0, $"The fit is {fit.Evaluate(bits)} at {bits} bits.");
        }

        // A quadratic's minimum on an interval lies at an end or at its vertex, so this covers non-integer widths too.
        var candidates = new List<double> { PeCostModel.MinBits, PeCostModel.MaxBits };
        var vertex = -fit.B / (2 * fit.C);
        if (vertex is > PeCostModel.MinBits and < PeCostModel.MaxBits)
        {
            candidates.Add(vertex);
        }

        Assert.All(candidates, bits => Assert.True(fit.Evaluate(bits) > 0, $"The fit is {fit.Evaluate(bits)} at {bits} bits."));
    }

    // The reasons docs/cost-model.md gives for stopping at 32 bits.
    [Fact]
    public void Eyeriss_power_fit_peaks_at_28_9_bits_and_reaches_zero_at_62_5_bits()
    {
        var fit = PeCostModel.Default.Fit(Design.Eyeriss, CostQuantity.Power);
        var root = (-fit.B - Math.Sqrt((fit.B * fit.B) - (4 * fit.A * fit.C))) / (2 * fit.C);

        Assert.Equal(28.9, Math.Round(-fit.B / (2 * fit.C), 1));
        Assert.Equal(62.5, Math.Round(root, 1));
        Assert.True(fit.Evaluate(62) > 0);
        Assert.True(fit.Evaluate(63) < 0);
    }

    [Fact]
    public void Area_fits_are_lowest_near_8_bits()
    {
        Assert.Equal(8.3, Math.Round(Vertex(PeCostModel.Default.Fit(Design.Eyeriss, CostQuantity.Area)), 1));
        Assert.Equal(7.8, Math.Round(Vertex(PeCostModel.Default.Fit(Design.TaxoNN, CostQuantity.Area)), 1));
    }

    [Fact]
    public void Least_squares_recovers_an_exact_quadratic()
    {
        double[] bits = [3, 7, 8, 20, 31];
        var values = bits.Select(w => 2.5 - (0.25 * w) + (0.01 * w * w)).ToArray();

        var fit = QuadraticFit.LeastSquares(bits, values);

        Assert.Equal(2.5, fit.A, 10);
        Assert.Equal(-0.25, fit.B, 10);
        Assert.Equal(0.01, fit.C, 10);
        Assert.True(fit.MaxTableError < 1e-12);
    }

    [Fact]
    public void Least_squares_rejects_too_few_points_repeated_widths_and_non_positive_values()
    {
        Assert.Throws<ArgumentException>(() => QuadraticFit.LeastSquares([1, 2], [1, 2]));
        Assert.Throws<ArgumentException>(() => QuadraticFit.LeastSquares([1, 2, 3], [1, 2]));
        Assert.Throws<ArgumentException>(() => QuadraticFit.LeastSquares([4, 4, 5, 5], [1, 2, 3, 4]));
        Assert.Throws<ArgumentException>(() => QuadraticFit.LeastSquares([1, 2, 3], [1, 0, 2]));
    }

    [Fact]
    public void Evaluate_is_a_plus_b_w_plus_c_w_squared()
    {
        Assert.Equal(1 + (2 * 3) + (4 * 9), new QuadraticFit(1, 2, 4, 0).Evaluate(3));
    }

    private static double Vertex(QuadraticFit fit) => -fit.B / (2 * fit.C);

    private static void AssertFourDigits(double documented, double actual)
    {
        var digits = 3 - (int)Math.Floor(Math.Log10(Math.Abs(actual)));
        Assert.Equal(documented, Math.Round(actual, digits), 12);
    }
}
