namespace TaxoNN.Runtime.CostModel;

/// <summary>Area and power of one PE (and of an array of them) at any width from 2 to 32 bits, calibrated on the paper's tables.</summary>
/// <remarks>
/// Inside 13..21 bits the figures are the table's (linear interpolation between neighbouring widths for non-integer
/// widths); outside they come from a quadratic least-squares fit per design and quantity and are marked extrapolated.
/// All absolute figures are in the paper's table units, which the paper does not name.
/// </remarks>
public sealed class PeCostModel
{
    /// <summary>The narrowest width the model estimates, in bits.</summary>
    public const int MinBits = 2;

    /// <summary>The widest width the model estimates, in bits; beyond 32 bits the Eyeriss power fit falls with the width (its peak is at 28.9 bits) and reaches zero at 62.5 bits.</summary>
    public const int MaxBits = 32;

    /// <summary>The width relative figures are measured against: Eyeriss at 16 bits is 1.</summary>
    public const int ReferenceBits = 16;

    private readonly QuadraticFit[] fits;

    private PeCostModel()
    {
        Span<double> bits = stackalloc double[PaperTables.Bitwidths.Length];
        Span<double> values = stackalloc double[PaperTables.Bitwidths.Length];
        fits = new QuadraticFit[4];
        foreach (var design in (ReadOnlySpan<Design>)[Design.Eyeriss, Design.TaxoNN])
        {
            foreach (var quantity in (ReadOnlySpan<CostQuantity>)[CostQuantity.Area, CostQuantity.Power])
            {
                for (var i = 0; i < bits.Length; i++)
                {
                    bits[i] = PaperTables.Bitwidths[i];
                    values[i] = PaperTables.Value(design, quantity, PaperTables.Bitwidths[i]);
                }

                fits[Slot(design, quantity)] = QuadraticFit.LeastSquares(bits, values);
            }
        }
    }

    /// <summary>The model calibrated on the paper's tables.</summary>
    public static PeCostModel Default { get; } = new();

    /// <summary>The cost of one PE at a width, in table units, with the source that produced it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is outside 2..32 bits or not a number.</exception>
    public CostEstimate Estimate(Design design, CostQuantity quantity, double bits)
    {
        if (!(bits >= MinBits && bits <= MaxBits))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"The cost model covers {MinBits} to {MaxBits} bits.");
        }

        if (bits < PaperTables.MinBits || bits > PaperTables.MaxBits)
        {
            return new CostEstimate(Fit(design, quantity).Evaluate(bits), EstimateSource.Fit);
        }

        var lower = (int)Math.Floor(bits);
        var below = PaperTables.Value(design, quantity, lower);
        if (lower == bits)
        {
            return new CostEstimate(below, EstimateSource.Table);
        }

        var above = PaperTables.Value(design, quantity, lower + 1);
        return new CostEstimate(below + ((above - below) * (bits - lower)), EstimateSource.Interpolated);
    }

    /// <summary>The cost of an array of PEs at a width, in table units: the number of PEs times the cost of one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is outside 2..32 bits, or the PE count is negative.</exception>
    public CostEstimate EstimateArray(Design design, CostQuantity quantity, double bits, int peCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(peCount);
        var one = Estimate(design, quantity, bits);
        return one with { Value = one.Value * peCount };
    }

    /// <summary>The cost of one PE relative to an Eyeriss PE at 16 bits (a plain number, free of the unknown units).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is outside 2..32 bits or not a number.</exception>
    public CostEstimate Relative(Design design, CostQuantity quantity, double bits)
    {
        var estimate = Estimate(design, quantity, bits);
        return estimate with { Value = estimate.Value / PaperTables.Value(Design.Eyeriss, quantity, ReferenceBits) };
    }

    /// <summary>The TaxoNN PE's cost over the Eyeriss PE's at the same width (1.083 means 8.3 % overhead).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is outside 2..32 bits or not a number.</exception>
    public CostEstimate TaxoNNOverEyeriss(CostQuantity quantity, double bits)
    {
        var taxonn = Estimate(Design.TaxoNN, quantity, bits);
        return taxonn with { Value = taxonn.Value / Estimate(Design.Eyeriss, quantity, bits).Value };
    }

    /// <summary>The quadratic least-squares fit of one table column, used outside 13..21 bits.</summary>
    public QuadraticFit Fit(Design design, CostQuantity quantity) => fits[Slot(design, quantity)];

    /// <summary>TaxoNN's overhead over Eyeriss recomputed from the rounded table values, as a fraction: TaxoNN / Eyeriss − 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is not in the table (13..21 bits).</exception>
    public double RecomputedOverhead(CostQuantity quantity, int bits) =>
        (PaperTables.Value(Design.TaxoNN, quantity, bits) / PaperTables.Value(Design.Eyeriss, quantity, bits)) - 1;

    /// <summary>The mean of the recomputed overheads over the table's nine widths, as a fraction.</summary>
    public double RecomputedAverageOverhead(CostQuantity quantity)
    {
        var sum = 0.0;
        foreach (var bits in PaperTables.Bitwidths)
        {
            sum += RecomputedOverhead(quantity, bits);
        }

        return sum / PaperTables.Bitwidths.Length;
    }

    private static int Slot(Design design, CostQuantity quantity) => (design, quantity) switch
    {
        (Design.Eyeriss, CostQuantity.Area) => 0,
        (Design.TaxoNN, CostQuantity.Area) => 1,
        (Design.Eyeriss, CostQuantity.Power) => 2,
        (Design.TaxoNN, CostQuantity.Power) => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(design), $"Unknown design or quantity: {design}, {quantity}."),
    };
}
