namespace TaxoNN.Compiler.Semantics;

/// <summary>The losses a network can end with.</summary>
public enum LossKind
{
    /// <summary>Softmax followed by cross-entropy against one-hot labels; output error softmax - one-hot.</summary>
    SoftmaxCrossEntropy,

    /// <summary>Mean squared error against one-hot labels; output error (y - one-hot) * 2 / classes.</summary>
    MeanSquaredError,
}
