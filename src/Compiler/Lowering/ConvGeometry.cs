namespace TaxoNN.Compiler.Lowering;

/// <summary>
/// One convolution in Eyeriss notation, the shape the row-stationary mapper works on: M output channels, C input
/// channels, an H x W input (after padding), an R x S filter, an E x F output, stride U, dilation of the filter taps D.
/// Every conv-like op (forward, error, weight gradient) is described this way. <paramref name="SeparateChannels"/> marks
/// a weight gradient: each (filter, channel) pair has its own R x S output, so channels are not summed.
/// </summary>
public sealed record ConvGeometry(int M, int C, int H, int W, int R, int S, int E, int F, int U, int D, bool SeparateChannels = false)
{
    /// <summary>Outputs of one sample: M · E · F, times C when channels are kept apart.</summary>
    public long Outputs => (long)M * (SeparateChannels ? C : 1) * E * F;

    /// <summary>MACs of one sample: M · C · R · S · E · F.</summary>
    public long Macs => (long)M * C * R * S * E * F;
}
