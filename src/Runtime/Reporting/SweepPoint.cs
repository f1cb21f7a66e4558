using TaxoNN.Runtime.CostModel;

namespace TaxoNN.Runtime.Reporting;

/// <summary>
/// One design at one uniform width: area and power of one PE (table units) and, when the report has a training
/// set-up, the energy of its step at that width.
/// </summary>
public sealed record SweepPoint(Design Design, int Bits, CostEstimate Area, CostEstimate Power, double? EnergyPerStep)
{
    /// <summary>Whether a figure comes from the fit outside the tables' 13..21 bits.</summary>
    public bool Extrapolated => Area.Extrapolated || Power.Extrapolated;
}
