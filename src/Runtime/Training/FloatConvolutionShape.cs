using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The geometry of one convolution as the float kernels see it: the input zero-padded on every side, so that each
/// output position's patch is <see cref="Channels"/> x <see cref="KernelHeight"/> rows of <see cref="KernelWidth"/>
/// contiguous floats.
/// </summary>
internal readonly record struct FloatConvolutionShape(
    int Channels,
    int PaddedHeight,
    int PaddedWidth,
    int KernelHeight,
    int KernelWidth,
    int StrideHeight,
    int StrideWidth,
    int OutputHeight,
    int OutputWidth)
{
    /// <summary>The values in one patch, the inner dimension of the convolution as a matrix product.</summary>
    public int Depth => Channels * KernelHeight * KernelWidth;

    /// <summary>The output positions of one channel.</summary>
    public int Positions => OutputHeight * OutputWidth;

    /// <summary>The elements of the padded input.</summary>
    public int PaddedElements => Channels * PaddedHeight * PaddedWidth;

    /// <summary>The shape of <paramref name="layer"/>, a convolution.</summary>
    public static FloatConvolutionShape Of(LayerSymbol layer) => new(
        layer.Input.Channels,
        layer.Input.Height + (2 * layer.Padding.Height),
        layer.Input.Width + (2 * layer.Padding.Width),
        layer.Kernel.Height,
        layer.Kernel.Width,
        layer.Stride.Height,
        layer.Stride.Width,
        layer.Output.Height,
        layer.Output.Width);
}
