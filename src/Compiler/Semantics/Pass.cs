namespace TaxoNN.Compiler.Semantics;

/// <summary>The passes of a training step that each have a format: the format of the tensor the pass writes.</summary>
public enum Pass
{
    /// <summary>The layer's output activations.</summary>
    Forward,

    /// <summary>The back-propagated error G_i.</summary>
    Error,

    /// <summary>The weight gradient dE/dW_i.</summary>
    WeightGradient,

    /// <summary>The weights W_i, written by the update.</summary>
    Update,
}
