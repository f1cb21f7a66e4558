namespace TaxoNN.Compiler.Lowering;

/// <summary>The kinds of op a training step is lowered into (the JSON schedule spells them in snake case).</summary>
public enum OpKind
{
    /// <summary>Forward of a convolution or dense layer: Y = W · X (+ b).</summary>
    Forward,

    /// <summary>Forward of a pooling layer.</summary>
    PoolForward,

    /// <summary>Forward of an activation: Y = f(X).</summary>
    ActivationForward,

    /// <summary>The output error from the loss: softmax - one-hot, or the MSE derivative.</summary>
    OutputError,

    /// <summary>Error back-propagation through a layer's weights: dX = Wᵀ · G (conv: full convolution with the flipped kernel).</summary>
    Error,

    /// <summary>Error back-propagation through a pooling layer (max: routed to the arg-max; average: spread evenly).</summary>
    PoolBackward,

    /// <summary>Error back-propagation through an activation: G ⊙ f'.</summary>
    ActivationBackward,

    /// <summary>Weight gradient dE/dW = G · Xᵀ (conv: correlation of the input with the error), summed over the batch.</summary>
    WeightGradient,

    /// <summary>Update W ← W − α/B · ΣdE/dW.</summary>
    Update,

    /// <summary>At batch 1: error, weight gradient and update of one layer in one pass over its weights.</summary>
    FusedErrorUpdate,
}
