namespace TaxoNN.Runtime.Simulation;

/// <summary>How the operand multiplexers of a PE feed its MAC unit in a pass.</summary>
public enum OperandRoute
{
    /// <summary>Weights as filters over activations: the inference datapath.</summary>
    Forward,

    /// <summary>Weights read rotated by 180° (transposed for dense layers), channels swapped, over the output error.</summary>
    Error,

    /// <summary>The output error as the filter over the layer's input.</summary>
    Gradient,

    /// <summary>The f′ unit or the update path at the psum exit (element-wise training work).</summary>
    TrainingUnit,
}
