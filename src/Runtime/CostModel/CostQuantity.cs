namespace TaxoNN.Runtime.CostModel;

/// <summary>A hardware cost the paper reports per bitwidth, in table units (the paper states no units).</summary>
public enum CostQuantity
{
    /// <summary>Synthesized area of one PE, in the paper's table units.</summary>
    Area,

    /// <summary>Synthesized power of one PE, in the paper's table units.</summary>
    Power,
}
