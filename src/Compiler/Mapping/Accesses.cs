namespace TaxoNN.Compiler.Mapping;

/// <summary>Word accesses of one op at each level of the memory hierarchy, for a whole training step.</summary>
public readonly record struct Accesses(long RegisterFile, long InterPe, long GlobalBuffer, long Dram)
{
    /// <summary>The sum of two access counts.</summary>
    public static Accesses operator +(Accesses a, Accesses b) =>
        new(a.RegisterFile + b.RegisterFile, a.InterPe + b.InterPe, a.GlobalBuffer + b.GlobalBuffer, a.Dram + b.Dram);

    /// <summary>The counts times <paramref name="factor"/> (an op repeated for each sample of a batch).</summary>
    public static Accesses operator *(Accesses a, long factor) =>
        new(a.RegisterFile * factor, a.InterPe * factor, a.GlobalBuffer * factor, a.Dram * factor);
}
