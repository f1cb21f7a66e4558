using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// One layer of the fixed-point path: raw integers of its output, output error and parameters, each in the format of
/// the pass that writes it, and the exact (64-bit) gradient sums of the current batch.
/// </summary>
internal sealed class FixedLayer
{
    public FixedLayer(LayerSymbol layer, LayerPrecision precision, bool vector)
    {
        Convolution = vector && layer.Kind == LayerKind.Conv2d ? new FixedConvGeometry(layer) : null;
        Layer = layer;
        Precision = precision;
        Output = new int[layer.Output.Elements];
        Error = new int[layer.Output.Elements];
        Weights = new int[layer.WeightCount];
        Bias = new int[layer.BiasCount];
        WeightSums = new long[layer.WeightCount];
        BiasSums = new long[layer.BiasCount];
        ArgMax = layer.Kind == LayerKind.MaxPool ? new int[layer.Output.Elements] : [];
    }

    public LayerSymbol Layer { get; }

    public LayerPrecision Precision { get; }

    /// <summary>Y, in the forward format.</summary>
    public int[] Output { get; }

    /// <summary>dE/dY, in the error format.</summary>
    public int[] Error { get; }

    /// <summary>W, in the update format.</summary>
    public int[] Weights { get; }

    /// <summary>b, in the update format.</summary>
    public int[] Bias { get; }

    /// <summary>Σ over the batch of G·X, exact, with fraction bits <see cref="GradientFraction"/>.</summary>
    public long[] WeightSums { get; }

    /// <summary>Σ over the batch of G, exact, with the error format's fraction bits.</summary>
    public long[] BiasSums { get; }

    /// <summary>The fraction bits of <see cref="WeightSums"/>: the error's plus the input's.</summary>
    public int GradientFraction { get; set; }

    public int[] ArgMax { get; }

    /// <summary>The vector path's scratch of a convolution.</summary>
    public FixedConvGeometry? Convolution { get; }

    /// <summary>The largest |W|, or −1 when the weights changed since it was found.</summary>
    public long WeightMagnitude { get; set; } = -1;
}
