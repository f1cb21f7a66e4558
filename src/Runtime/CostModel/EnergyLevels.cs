namespace TaxoNN.Runtime.CostModel;

/// <summary>Energy split by where it is spent: the MACs and each level of the memory hierarchy.</summary>
public readonly record struct EnergyLevels(double Mac, double RegisterFile, double InterPe, double GlobalBuffer, double Dram)
{
    /// <summary>The sum over all levels.</summary>
    public double Total => Mac + RegisterFile + InterPe + GlobalBuffer + Dram;

    /// <summary>The sum of two splits.</summary>
    public static EnergyLevels operator +(EnergyLevels a, EnergyLevels b) =>
        new(a.Mac + b.Mac, a.RegisterFile + b.RegisterFile, a.InterPe + b.InterPe, a.GlobalBuffer + b.GlobalBuffer, a.Dram + b.Dram);

    /// <summary>The split times <paramref name="factor"/>.</summary>
    public static EnergyLevels operator *(EnergyLevels a, double factor) =>
        new(a.Mac * factor, a.RegisterFile * factor, a.InterPe * factor, a.GlobalBuffer * factor, a.Dram * factor);
}
