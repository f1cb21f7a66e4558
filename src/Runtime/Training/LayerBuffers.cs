using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Training;

/// <summary>The buffers of one layer for one sample and its parameters, in float32, laid out for <see cref="FloatKernels"/>.</summary>
internal sealed class LayerBuffers
{
    public LayerBuffers(LayerSymbol layer)
    {
        Layer = layer;
        var outputs = checked((int)layer.Output.Elements);
        Output = new float[outputs];
        Error = new float[outputs];
        Weights = new float[layer.WeightCount];
        Bias = new float[layer.BiasCount];
        WeightGradient = new float[layer.WeightCount];
        BiasGradient = new float[layer.BiasCount];
        ArgMax = layer.Kind == LayerKind.MaxPool ? new int[outputs] : [];
        if (layer.Kind == LayerKind.Conv2d)
        {
            Shape = FloatConvolutionShape.Of(layer);
            var width = (layer.Units + FloatKernels.Lanes - 1) / FloatKernels.Lanes * FloatKernels.Lanes;
            Padded = new float[Shape.PaddedElements + FloatKernels.Lanes];
            Origins = new int[Shape.Positions];
            FloatKernels.PatchOrigins(Shape, Origins);
            Offsets = new int[Shape.Depth];
            FloatKernels.PatchOffsets(Shape, Offsets);

            // Positions 8 along an output row against channels 8 across: the direct convolution wastes the lanes past
            // each row's last 16 positions and past the last 6 channels, the patch product those past the last 8 channels.
            var rowShare = Shape.OutputWidth / (double)(((Shape.OutputWidth + 15) / 16) * 16);
            var direct = rowShare * layer.Units / (((layer.Units + 5) / 6) * 6);
            ConvolvesRows = Shape.StrideWidth == 1 && Shape.OutputWidth >= FloatKernels.Lanes && direct >= layer.Units / (double)width;
            GradientFromWindows = Shape.KernelWidth <= FloatKernels.Lanes;
            GathersPatches = !GradientFromWindows;
            Patches = GathersPatches ? new float[(Shape.Positions * Shape.Depth) + FloatKernels.Lanes] : [];
            PaddedError = new float[Shape.PaddedElements + FloatKernels.Lanes];
            ErrorPatches = new float[(Shape.Positions * Shape.Depth) + FloatKernels.Lanes];
            Transposed = new float[Shape.Depth * width];
            PaddedBias = new float[width];
            Product = new float[(Shape.Positions * width) + FloatKernels.Lanes];
            Start = new int[layer.Units + 1];
            Channel = new int[outputs + FloatKernels.Lanes];
            Value = new float[outputs + FloatKernels.Lanes];
            ErrorStart = new int[Shape.Positions + 1];
            ErrorChannel = new int[outputs + FloatKernels.Lanes];
            ErrorValue = new float[outputs + FloatKernels.Lanes];
        }
        else if (layer.Kind is LayerKind.MaxPool or LayerKind.AvgPool)
        {
            Shape = FloatConvolutionShape.Of(layer);
            Padded = new float[Shape.PaddedElements + (2 * FloatKernels.Lanes)];
            if (layer.Kind == LayerKind.MaxPool)
            {
                Array.Fill(Padded, float.NegativeInfinity);
            }

            Windows = new int[2 * outputs];
            FloatKernels.PoolWindows(Shape, layer.Padding, Windows);
        }
        else if (layer.Kind == LayerKind.Dense)
        {
            Start = new int[2];
            Channel = new int[outputs + FloatKernels.Lanes];
            Value = new float[outputs + FloatKernels.Lanes];
        }
    }

    public LayerSymbol Layer { get; }

    public float[] Output { get; }

    /// <summary>dE/dY of the layer's output for the current sample.</summary>
    public float[] Error { get; }

    public float[] Weights { get; }

    public float[] Bias { get; }

    /// <summary>dE/dW summed over the samples of the current batch, except the last one, whose gradient stays implicit.</summary>
    public float[] WeightGradient { get; }

    public float[] BiasGradient { get; }

    /// <summary>For max pooling: the input index each output took its value from.</summary>
    public int[] ArgMax { get; }

    /// <summary>For a convolution or pooling: its geometry.</summary>
    public FloatConvolutionShape Shape { get; }

    /// <summary>For a convolution or pooling: the input with its padding (zero, or −∞ for max pooling; the border never changes).</summary>
    public float[] Padded { get; } = [];

    /// <summary>For pooling: where each output's window starts (<see cref="FloatKernels.PoolWindows"/>).</summary>
    public int[] Windows { get; } = [];

    /// <summary>For a convolution: where each output position's window starts in <see cref="Padded"/>.</summary>
    public int[] Origins { get; } = [];

    /// <summary>For a convolution: where each value of a patch lies in <see cref="Padded"/> from the patch's origin.</summary>
    public int[] Offsets { get; } = [];

    /// <summary>For a convolution: whether its forward pass runs along output rows (<see cref="FloatKernels.ConvolveRows"/>) rather than across channels (<see cref="FloatKernels.MultiplyWindows"/>).</summary>
    public bool ConvolvesRows { get; }

    /// <summary>For a convolution: whether its weight gradient reads the windows of the padded input (<see cref="FloatKernels.AddWindowGradients"/>) rather than gathered patches.</summary>
    public bool GradientFromWindows { get; }

    /// <summary>For a convolution: whether its forward pass gathers <see cref="Patches"/> for the weight gradient (kernels wider than a vector).</summary>
    public bool GathersPatches { get; }

    /// <summary>For a convolution that gathers them: the patch of every output position, [positions, depth].</summary>
    public float[] Patches { get; } = [];

    /// <summary>For a convolution: the error of the padded input.</summary>
    public float[] PaddedError { get; } = [];

    /// <summary>For a convolution: the error of every position's patch, [positions, depth].</summary>
    public float[] ErrorPatches { get; } = [];

    /// <summary>For a convolution: the weights as [depth, output channels rounded up to whole vectors], zero beyond.</summary>
    public float[] Transposed { get; } = [];

    /// <summary>For a convolution: whether <see cref="Transposed"/> and <see cref="PaddedBias"/> hold the current weights.</summary>
    public bool TransposedIsCurrent { get; set; }

    /// <summary>For a convolution: the bias rounded up as <see cref="Transposed"/>'s rows are.</summary>
    public float[] PaddedBias { get; } = [];

    /// <summary>For a convolution: the output as [positions, rounded-up channels], before it is transposed.</summary>
    public float[] Product { get; } = [];

    /// <summary>Where each output channel's nonzero errors of the current sample start in <see cref="Channel"/> and <see cref="Value"/>.</summary>
    public int[] Start { get; } = [];

    /// <summary>The output position (for a dense layer: the unit) of each nonzero error of the current sample.</summary>
    public int[] Channel { get; } = [];

    /// <summary>The value of each nonzero error of the current sample.</summary>
    public float[] Value { get; } = [];

    /// <summary>For a convolution: the same errors position by position, each position's start.</summary>
    public int[] ErrorStart { get; } = [];

    /// <summary>For a convolution: the output channel of each nonzero error, position by position.</summary>
    public int[] ErrorChannel { get; } = [];

    /// <summary>For a convolution: the value of each nonzero error, position by position.</summary>
    public float[] ErrorValue { get; } = [];
}
