namespace TaxoNN.Compiler.Semantics;

/// <summary>The resolved precision of every pass of one layer.</summary>
public sealed record LayerPrecision(PassPrecision Forward, PassPrecision Error, PassPrecision WeightGradient, PassPrecision Update)
{
    /// <summary>The precision of <paramref name="pass"/>.</summary>
    public PassPrecision this[Pass pass] => pass switch
    {
        Pass.Forward => Forward,
        Pass.Error => Error,
        Pass.WeightGradient => WeightGradient,
        _ => Update,
    };
}
