namespace TaxoNN.Compiler.Semantics;

/// <summary>One energy per access: relative to a MAC, or absolute in picojoules.</summary>
public readonly record struct EnergyCost(double Value, bool IsPicojoules)
{
    /// <summary>A cost relative to one MAC.</summary>
    public static EnergyCost Relative(double value) => new(value, false);

    /// <summary>An absolute cost in picojoules.</summary>
    public static EnergyCost Picojoules(double value) => new(value, true);
}
