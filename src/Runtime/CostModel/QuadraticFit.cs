namespace TaxoNN.Runtime.CostModel;

/// <summary>A cost as a quadratic in the width, v(w) = A + B·w + C·w², fitted by least squares to the paper's table.</summary>
/// <param name="A">The constant term, in table units: cost that does not scale with the width (control, muxes).</param>
/// <param name="B">The linear term, in table units per bit: registers, adders and wires grow with the width.</param>
/// <param name="C">The quadratic term, in table units per bit²: an array multiplier grows with the width squared.</param>
/// <param name="MaxTableError">The largest relative error |v(w) − table| / table over the points the fit was made from.</param>
public sealed record QuadraticFit(double A, double B, double C, double MaxTableError)
{
    /// <summary>The fitted cost at a width, in table units.</summary>
    public double Evaluate(double bits) => A + (B * bits) + (C * bits * bits);

    /// <summary>Fits v(w) = A + B·w + C·w² to the points by least squares and measures its largest relative error on them.</summary>
    /// <exception cref="ArgumentException">Fewer than three points, lengths differ, or a value is not positive.</exception>
    internal static QuadraticFit LeastSquares(ReadOnlySpan<double> bits, ReadOnlySpan<double> values)
    {
        if (bits.Length != values.Length || bits.Length < 3)
        {
            throw new ArgumentException("A quadratic fit needs at least three points and one value per width.", nameof(values));
        }

        // Centring the widths keeps the normal equations well conditioned (sums of w⁴ reach 10⁵ and more otherwise).
        var mean = 0.0;
        foreach (var w in bits)
        {
            mean += w;
        }

        mean /= bits.Length;

        // Normal equations Mᵀ·M·p = Mᵀ·v for the columns (1, x, x²), x = w − mean, as one augmented 3×4 matrix.
        // No linear-algebra library is referenced by the project, and a 3×3 system needs none.
        var system = new double[3, 4];
        for (var i = 0; i < bits.Length; i++)
        {
            if (!(values[i] > 0))
            {
                throw new ArgumentException("Costs must be positive to measure relative errors.", nameof(values));
            }

            var x = bits[i] - mean;
            Span<double> powers = [1, x, x * x];
            for (var row = 0; row < 3; row++)
            {
                for (var column = 0; column < 3; column++)
                {
                    system[row, column] += powers[row] * powers[column];
                }

                system[row, 3] += powers[row] * values[i];
            }
        }

        var (a0, b0, c0) = Solve(system);

        // Back from x = w − mean to w: a0 + b0·(w − m) + c0·(w − m)² expanded.
        var a = a0 - (b0 * mean) + (c0 * mean * mean);
        var b = b0 - (2 * c0 * mean);
        var fit = new QuadraticFit(a, b, c0, 0);

        var maxError = 0.0;
        for (var i = 0; i < bits.Length; i++)
        {
            maxError = Math.Max(maxError, Math.Abs(fit.Evaluate(bits[i]) - values[i]) / values[i]);
        }

        return fit with { MaxTableError = maxError };
    }

    // Gauss-Jordan elimination with partial pivoting on a 3×4 augmented matrix.
    private static (double, double, double) Solve(double[,] m)
    {
        // A pivot this small relative to the matrix means fewer than three distinct widths (a singular system).
        var scale = 0.0;
        foreach (var entry in m)
        {
            scale = Math.Max(scale, Math.Abs(entry));
        }

        for (var pivot = 0; pivot < 3; pivot++)
        {
            var best = pivot;
            for (var row = pivot + 1; row < 3; row++)
            {
                if (Math.Abs(m[row, pivot]) > Math.Abs(m[best, pivot]))
                {
                    best = row;
                }
            }

            if (Math.Abs(m[best, pivot]) <= 1e-12 * scale)
            {
                throw new ArgumentException("The widths must include at least three distinct values.");
            }

            for (var column = 0; column < 4; column++)
            {
                (m[pivot, column], m[best, column]) = (m[best, column], m[pivot, column]);
            }

            for (var row = 0; row < 3; row++)
            {
                if (row == pivot)
                {
                    continue;
                }

                var factor = m[row, pivot] / m[pivot, pivot];
                for (var column = pivot; column < 4; column++)
                {
                    m[row, column] -= factor * m[pivot, column];
                }
            }
        }

        return (m[0, 3] / m[0, 0], m[1, 3] / m[1, 1], m[2, 3] / m[2, 2]);
    }
}
