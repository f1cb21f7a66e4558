using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Training;

/// <summary>The buffers of one layer for one sample and its parameters, in float32 (the reference path).</summary>
internal sealed class LayerBuffers
{
    public LayerBuffers(LayerSymbol layer)
    {
        Layer = layer;
        Output = new float[layer.Output.Elements];
        Error = new float[layer.Output.Elements];
        Weights = new float[layer.WeightCount];
        Bias = new float[layer.BiasCount];
        WeightGradient = new float[layer.WeightCount];
        BiasGradient = new float[layer.BiasCount];
        ArgMax = layer.Kind == LayerKind.MaxPool ? new int[layer.Output.Elements] : [];
    }

    public LayerSymbol Layer { get; }

    public float[] Output { get; }

    /// <summary>dE/dY of the layer's output for the current sample.</summary>
    public float[] Error { get; }

    public float[] Weights { get; }

    public float[] Bias { get; }

    /// <summary>dE/dW summed over the samples of the current batch.</summary>
    public float[] WeightGradient { get; }

    public float[] BiasGradient { get; }

    /// <summary>For max pooling: the input index each output took its value from.</summary>
    public int[] ArgMax { get; }
}
