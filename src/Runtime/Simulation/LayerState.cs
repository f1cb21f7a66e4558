using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// One layer's tensors in the simulated global buffer: per sample of the batch its output, output error and (max
/// pooling) the arg-max the pool unit recorded; its parameters in the update format; and the exact (64-bit) gradient
/// sums of the batch, which the weight-gradient passes accumulate into.
/// </summary>
internal sealed class LayerState
{
    public LayerState(LayerSymbol layer, LayerPrecision precision, int batch)
    {
        Layer = layer;
        Precision = precision;
        Output = new int[batch][];
        Error = new int[batch][];
        ArgMax = new int[batch][];
        for (var b = 0; b < batch; b++)
        {
            Output[b] = new int[layer.Output.Elements];
            Error[b] = new int[layer.Output.Elements];
            ArgMax[b] = layer.Kind == LayerKind.MaxPool ? new int[layer.Output.Elements] : [];
        }

        Weights = new int[layer.WeightCount];
        Bias = new int[layer.BiasCount];
        WeightSums = new long[layer.WeightCount];
        BiasSums = new long[layer.BiasCount];
    }

    public LayerSymbol Layer { get; }

    public LayerPrecision Precision { get; }

    public int[][] Output { get; }

    public int[][] Error { get; }

    public int[][] ArgMax { get; }

    public int[] Weights { get; }

    public int[] Bias { get; }

    public long[] WeightSums { get; }

    public long[] BiasSums { get; }

    /// <summary>The fraction bits of <see cref="WeightSums"/>: the error's plus the input's.</summary>
    public int GradientFraction { get; set; }
}
