namespace TaxoNN.Compiler.Semantics;

/// <summary>Energy per access of a MAC and of each memory level; each entry relative to one MAC or in picojoules.</summary>
public sealed record EnergyTable(EnergyCost Mac, EnergyCost RegisterFile, EnergyCost InterPe, EnergyCost GlobalBuffer, EnergyCost Dram)
{
    /// <summary>Eyeriss's normalised costs: register file 1, inter-PE 2, global buffer 6, DRAM 200, relative to one MAC.</summary>
    public static EnergyTable EyerissDefaults { get; } = new(
        EnergyCost.Relative(1), EnergyCost.Relative(1), EnergyCost.Relative(2), EnergyCost.Relative(6), EnergyCost.Relative(200));
}
