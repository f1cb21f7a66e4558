using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;

namespace TaxoNN.Runtime.Training;

/// <summary>What the training loop needs of a network, in float32 or in fixed point.</summary>
public interface INetwork
{
    /// <summary>The set-up the network belongs to.</summary>
    TrainingSymbol Training { get; }

    /// <summary>Forward and backward on one scaled sample, adding to the batch's gradients; returns its loss.</summary>
    double Accumulate(ReadOnlySpan<float> sample, int label);

    /// <summary>
    /// <see cref="Accumulate"/> on one image's pixels, scaled by <paramref name="scaler"/> into
    /// <paramref name="scratch"/> (a network that can take the pixels straight to its inputs, with the same values,
    /// may leave it untouched).
    /// </summary>
    double AccumulateImage(ReadOnlySpan<byte> image, InputScaler scaler, Span<float> scratch, int label)
    {
        ArgumentNullException.ThrowIfNull(scaler);
        scaler.Scale(image, scratch);
        return Accumulate(scratch, label);
    }

    /// <summary>The SGD update at the end of a batch.</summary>
    void Update();

    /// <summary>The predicted class of one scaled sample.</summary>
    int Predict(ReadOnlySpan<float> sample);
}
