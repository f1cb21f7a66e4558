namespace TaxoNN.Compiler.Lowering;

/// <summary>
/// One convolution in Eyeriss notation, the shape the row-stationary mapper works on: M output channels, C input
/// channels, an H x W input (after padding), an R x S filter, an E x F output, stride U, dilation of the filter taps D.
/// Every conv-like op (forward, error, weight gradient) is described this way.
/// </summary>
public sealed record ConvGeometry(int M, int C, int H, int W, int R, int S, int E, int F, int U, int D)
{
    /// <summary>MACs of one sample: M · C · R · S · E · F.</summary>
    public long Macs => (long)M * C * R * S * E * F;
}
