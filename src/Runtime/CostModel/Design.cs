namespace TaxoNN.Runtime.CostModel;

/// <summary>The two processing-element designs the paper synthesized.</summary>
public enum Design
{
    /// <summary>The inference-only Eyeriss PE, the baseline.</summary>
    Eyeriss,

    /// <summary>The Eyeriss PE with TaxoNN's training extensions (operand muxes, f' unit, update path).</summary>
    TaxoNN,
}
