namespace TaxoNN.Compiler.Semantics;

/// <summary>
/// A bound layer with its inferred input and output shapes. Kernel, stride and padding are (height, width);
/// <see cref="Units"/> is the filter count of a convolution or the width of a dense layer.
/// </summary>
public sealed record LayerSymbol(
    string Name,
    int Index,
    LayerKind Kind,
    SourceLocation Location,
    Shape Input,
    Shape Output,
    int Units,
    (int Height, int Width) Kernel,
    (int Height, int Width) Stride,
    (int Height, int Width) Padding,
    bool Bias)
{
    /// <summary>Whether the layer has weights that training updates.</summary>
    public bool HasWeights => Kind is LayerKind.Conv2d or LayerKind.Dense;

    /// <summary>The number of weights (without bias).</summary>
    public long WeightCount => Kind switch
    {
        LayerKind.Conv2d => (long)Units * Input.Channels * Kernel.Height * Kernel.Width,
        LayerKind.Dense => (long)Units * Input.Elements,
        _ => 0,
    };

    /// <summary>The number of biases.</summary>
    public int BiasCount => HasWeights && Bias ? Units : 0;

    /// <summary>Whether the layer is an element-wise activation.</summary>
    public bool IsActivation => Kind is LayerKind.Relu or LayerKind.Sigmoid or LayerKind.Tanh or LayerKind.Identity;
}
