namespace TaxoNN.Compiler.Lowering;

/// <summary>What a tensor of a training step holds.</summary>
public enum TensorRole
{
    /// <summary>The network's input sample.</summary>
    Input,

    /// <summary>The sample's label.</summary>
    Label,

    /// <summary>A layer's output activations Y.</summary>
    Activation,

    /// <summary>The error dE/dY of a layer's output.</summary>
    Error,

    /// <summary>A layer's weights W (and biases).</summary>
    Weights,

    /// <summary>A layer's weight gradient dE/dW (and bias gradient).</summary>
    WeightGradient,
}
