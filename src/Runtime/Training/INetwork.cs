using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Training;

/// <summary>What the training loop needs of a network, in float32 or in fixed point.</summary>
public interface INetwork
{
    /// <summary>The set-up the network belongs to.</summary>
    TrainingSymbol Training { get; }

    /// <summary>Forward and backward on one scaled sample, adding to the batch's gradients; returns its loss.</summary>
    double Accumulate(ReadOnlySpan<float> sample, int label);

    /// <summary>The SGD update at the end of a batch.</summary>
    void Update();

    /// <summary>The predicted class of one scaled sample.</summary>
    int Predict(ReadOnlySpan<float> sample);
}
