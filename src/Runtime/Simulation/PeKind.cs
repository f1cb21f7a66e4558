namespace TaxoNN.Runtime.Simulation;

/// <summary>Which datapath a simulated PE has: Eyeriss's inference-only PE, or TaxoNN's PE with the training extensions.</summary>
public enum PeKind
{
    /// <summary>The baseline PE: a MAC unit fed from its own spads; it runs forward ops only.</summary>
    InferenceOnly,

    /// <summary>
    /// TaxoNN's PE: operand multiplexers that feed the MAC unit transposed, rotated or error operands (error and
    /// weight-gradient passes), an f′ unit beside the psum exit, and an update path that writes w − α·g back.
    /// </summary>
    Training,
}
