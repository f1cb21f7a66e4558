using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The float32 path: a training set-up's network executed op for op as the compiler lowers it — forward, output error,
/// error back-propagation through weights, pooling and activations, weight gradients summed over a batch, one SGD
/// update per batch with α / B — on <see cref="FloatKernels"/>.
/// </summary>
/// <remarks>
/// Convolutions run straight on the padded input: along output rows where rows are wide and channels few, else as
/// matrix products over the patches where they lie in it. Only nonzero errors take part in
/// the error back-propagation and the weight gradients (after max pooling and ReLU most are zero, and adding an exact
/// zero changes nothing). A sample's weight gradient is not written out while its buffers still hold it: the update
/// after a batch of one takes it from them directly, W ← W − α·g·xᵀ, and a second sample in the batch first adds it
/// to the gradient sums.
/// </remarks>
public sealed class FloatNetwork : INetwork
{
    private readonly LayerBuffers[] layers;
    private readonly bool[] needsError;
    private readonly float[] input;
    private readonly float[] inputError;
    private readonly float learningRate;
    private readonly bool vector;
    private int samplesInBatch;
    private bool pending;

    /// <summary>Creates the network of <paramref name="training"/> with zero weights; <see cref="Initialise"/> fills them.</summary>
    public FloatNetwork(TrainingSymbol training)
        : this(training, vectorised: true)
    {
    }

    /// <summary>Creates the network, on the vector kernels if <paramref name="vectorised"/> and the machine has them, else on their scalar twins.</summary>
    internal FloatNetwork(TrainingSymbol training, bool vectorised)
    {
        Training = training;
        var symbols = training.Network.Layers;
        layers = new LayerBuffers[symbols.Length];
        needsError = new bool[symbols.Length];
        var weightsBefore = false;
        for (var i = 0; i < symbols.Length; i++)
        {
            layers[i] = new LayerBuffers(symbols[i]);
            needsError[i] = weightsBefore;
            weightsBefore |= symbols[i].HasWeights;
        }

        input = new float[training.Network.Input.Elements];
        inputError = new float[input.Length];
        learningRate = (float)training.LearningRate;
        vector = vectorised && FloatKernels.IsVectorised;
    }

    /// <summary>The set-up the network belongs to.</summary>
    public TrainingSymbol Training { get; }

    /// <summary>The scores of the last forward pass.</summary>
    public ReadOnlySpan<float> Scores => layers[^1].Output;

    /// <summary>
    /// The weights of the layer at <paramref name="index"/> (PyTorch layout: [out, in, kh, kw] or [out, in]), to read or
    /// to write before the next pass.
    /// </summary>
    public Span<float> Weights(int index)
    {
        layers[index].TransposedIsCurrent = false;
        return layers[index].Weights;
    }

    /// <summary>The biases of the layer at <paramref name="index"/>, to read or to write before the next pass.</summary>
    public Span<float> Bias(int index)
    {
        layers[index].TransposedIsCurrent = false;
        return layers[index].Bias;
    }

    /// <summary>Fills the weights from <see cref="WeightInitialiser"/>.</summary>
    public void Initialise(long seed)
    {
        foreach (var buffers in layers)
        {
            for (var i = 0; i < buffers.Weights.Length; i++)
            {
                buffers.Weights[i] = (float)WeightInitialiser.Draw(seed, buffers.Layer, false, i);
            }

            for (var i = 0; i < buffers.Bias.Length; i++)
            {
                buffers.Bias[i] = (float)WeightInitialiser.Draw(seed, buffers.Layer, true, i);
            }

            buffers.TransposedIsCurrent = false;
        }
    }

    /// <summary>Runs the forward pass on one sample (already scaled) and returns the predicted class.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Predict(ReadOnlySpan<float> sample)
    {
        KeepPendingGradients();
        Forward(sample);
        return ArgMaxOf(layers[^1].Output);
    }

    /// <summary>
    /// Forward and backward on one sample: the gradients add to the batch's; returns the sample's loss. Call
    /// <see cref="Update"/> after the batch's last sample.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Accumulate(ReadOnlySpan<float> sample, int label)
    {
        KeepPendingGradients();
        Forward(sample);
        var loss = OutputError(label);
        for (var i = layers.Length - 1; i >= 0; i--)
        {
            Backward(i);
        }

        pending = true;
        samplesInBatch++;
        return loss;
    }

    /// <summary>The SGD update of every layer, W ← W − (α / B) · ΣdW, and a fresh batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update()
    {
        if (samplesInBatch == 0)
        {
            return;
        }

        var scale = -learningRate / samplesInBatch;
        var direct = pending && samplesInBatch == 1;
        for (var i = 0; i < layers.Length; i++)
        {
            var b = layers[i];
            if (!b.Layer.HasWeights)
            {
                continue;
            }

            if (direct)
            {
                AddWeightGradient(i, scale, b.Weights);
            }
            else
            {
                if (pending)
                {
                    AddWeightGradient(i, 1, b.WeightGradient);
                }

                FloatKernels.AddScaled(scale, b.WeightGradient, b.Weights, vector);
                Array.Clear(b.WeightGradient);
            }

            FloatKernels.AddScaled(scale, b.BiasGradient, b.Bias, vector);
            Array.Clear(b.BiasGradient);
            b.TransposedIsCurrent = false;
        }

        samplesInBatch = 0;
        pending = false;
    }

    private static int ArgMaxOf(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private ReadOnlySpan<float> InputOf(int index) => index == 0 ? input : layers[index - 1].Output;

    private Span<float> InputErrorOf(int index) => index == 0 ? inputError : layers[index - 1].Error;

    /// <summary>Before the buffers are overwritten, the pending sample's weight gradients go into the batch's sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void KeepPendingGradients()
    {
        if (!pending)
        {
            return;
        }

        for (var i = 0; i < layers.Length; i++)
        {
            if (layers[i].Layer.HasWeights)
            {
                AddWeightGradient(i, 1, layers[i].WeightGradient);
            }
        }

        pending = false;
    }

    /// <summary>
    /// Adds <paramref name="factor"/> times the pending sample's weight gradient of layer <paramref name="index"/> to
    /// <paramref name="target"/> (the gradient sums, or the weights themselves), one nonzero error at a time, and its
    /// bias gradient to the bias sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddWeightGradient(int index, float factor, Span<float> target)
    {
        var b = layers[index];
        var hasBias = b.BiasGradient.Length > 0;
        var x = b.Layer.Kind == LayerKind.Conv2d ? b.Patches : InputOf(index);
        var depth = b.Layer.Kind == LayerKind.Conv2d ? b.Shape.Depth : x.Length;
        var rows = b.Start.Length - 1;
        for (var m = 0; m < rows; m++)
        {
            var start = b.Start[m];
            var count = b.Start[m + 1] - start;
            var values = b.Value.AsSpan(start, count);
            var columns = b.Channel.AsSpan(start, count);
            for (var e = 0; e < count; e++)
            {
                if (hasBias)
                {
                    b.BiasGradient[b.Layer.Kind == LayerKind.Conv2d ? m : columns[e]] += values[e];
                }

                values[e] *= factor;
            }

            if (b.Layer.Kind == LayerKind.Conv2d && b.GradientFromWindows)
            {
                FloatKernels.AddWindowGradients(values, columns, b.Padded, b.Origins, target.Slice(m * depth, depth), b.Shape, vector);
            }
            else if (b.Layer.Kind == LayerKind.Conv2d)
            {
                FloatKernels.AddScaledRows(values, columns, x, target.Slice(m * depth, depth), vector);
            }
            else
            {
                for (var e = 0; e < count; e++)
                {
                    FloatKernels.AddScaled(values[e], x, target.Slice(columns[e] * depth, depth), vector);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(ReadOnlySpan<float> sample)
    {
        sample.CopyTo(input);
        for (var i = 0; i < layers.Length; i++)
        {
            var b = layers[i];
            var x = InputOf(i);
            switch (b.Layer.Kind)
            {
                case LayerKind.Conv2d:
                    ConvForward(b, x);
                    break;
                case LayerKind.Dense:
                    FloatKernels.MultiplyRows(b.Weights, x, b.Bias, b.Output, vector);
                    break;
                case LayerKind.MaxPool or LayerKind.AvgPool:
                    PoolForward(b, x);
                    break;
                case LayerKind.Flatten or LayerKind.Identity:
                    x.CopyTo(b.Output);
                    break;
                case LayerKind.Relu:
                    FloatKernels.Relu(x, b.Output, vector);
                    break;
                case LayerKind.Sigmoid:
                    TensorPrimitives.Sigmoid(x, b.Output);
                    break;
                case LayerKind.Tanh:
                    TensorPrimitives.Tanh(x, b.Output);
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double OutputError(int label)
    {
        var last = layers[^1];
        var y = last.Output;
        var g = last.Error;
        if (Training.Network.Loss == LossKind.SoftmaxCrossEntropy)
        {
            SoftMax(y, g);
            var loss = -Math.Log(Math.Max(g[label], 1e-30f));
            g[label] -= 1;
            return loss;
        }

        double sum = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var difference = y[i] - (i == label ? 1f : 0f);
            sum += difference * difference;
            g[i] = 2 * difference / y.Length;
        }

        return sum / y.Length;
    }

    /// <summary>
    /// g = softmax(y), worked out in double from exp(y − max y), so that no exponent overflows and each g is the float
    /// nearest the exact value or next to it. Plain loops: over ten scores a library call saves nothing, and its code
    /// would run unoptimised for the first thousands of samples.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SoftMax(ReadOnlySpan<float> y, Span<float> g)
    {
        double max = float.NegativeInfinity;
        foreach (var v in y)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (var v in y)
        {
            sum += Math.Exp(v - max);
        }

        for (var i = 0; i < y.Length; i++)
        {
            g[i] = (float)(Math.Exp(y[i] - max) / sum);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(int index)
    {
        var b = layers[index];
        var wanted = needsError[index];
        var dx = InputErrorOf(index);
        var g = b.Error;
        switch (b.Layer.Kind)
        {
            case LayerKind.Conv2d:
                ConvBackward(b, wanted ? dx : default);
                break;
            case LayerKind.Dense:
                var n = FloatKernels.Compact(g, g.Length, b.Start, b.Channel, b.Value, vector);
                if (wanted)
                {
                    dx.Clear();
                    FloatKernels.AddScaledRows(b.Value.AsSpan(0, n), b.Channel.AsSpan(0, n), b.Weights, dx, vector);
                }

                break;
            case LayerKind.MaxPool or LayerKind.AvgPool when wanted:
                PoolBackward(b, dx);
                break;
            case LayerKind.Flatten or LayerKind.Identity when wanted:
                g.CopyTo(dx);
                break;
            case LayerKind.Relu when wanted:
                FloatKernels.PassPositive(b.Output, g, dx, vector);
                break;
            case LayerKind.Sigmoid when wanted:
                for (var i = 0; i < g.Length; i++)
                {
                    var y = b.Output[i];
                    dx[i] = g[i] * y * (1 - y);
                }

                break;
            case LayerKind.Tanh when wanted:
                for (var i = 0; i < g.Length; i++)
                {
                    var y = b.Output[i];
                    dx[i] = g[i] * (1 - (y * y));
                }

                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ConvForward(LayerBuffers b, ReadOnlySpan<float> x)
    {
        var l = b.Layer;
        var shape = b.Shape;
        CopyIntoPadded(b, x);
        if (b.GathersPatches)
        {
            FloatKernels.GatherPatches(b.Padded, b.Patches, shape, vector);
        }

        if (b.ConvolvesRows)
        {
            FloatKernels.ConvolveRows(b.Padded, b.Weights, b.Bias, b.Output, shape, vector);
            return;
        }

        var depth = shape.Depth;
        var width = b.PaddedBias.Length;
        var channels = l.Output.Channels;
        if (!b.TransposedIsCurrent)
        {
            if (channels == width)
            {
                FloatKernels.TransposeToChannels(b.Weights, b.Transposed, depth, depth, vector);
            }
            else
            {
                for (var m = 0; m < channels; m++)
                {
                    var row = b.Weights.AsSpan(m * depth, depth);
                    for (var k = 0; k < depth; k++)
                    {
                        b.Transposed[(k * width) + m] = row[k];
                    }
                }
            }

            for (var m = 0; m < channels; m++)
            {
                b.PaddedBias[m] = b.Bias.Length > 0 ? b.Bias[m] : 0;
            }

            b.TransposedIsCurrent = true;
        }

        var positions = shape.Positions;
        FloatKernels.MultiplyWindows(b.Padded, b.Origins, b.Offsets, b.Transposed, b.PaddedBias, b.Product.AsSpan(0, positions * width), width, vector);
        FloatKernels.TransposeToChannels(b.Product, b.Output, width, channels, vector);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ConvBackward(LayerBuffers b, Span<float> dx)
    {
        var shape = b.Shape;
        var positions = shape.Positions;
        var channels = b.Layer.Output.Channels;
        var g = b.Error;
        FloatKernels.Compact(g, positions, b.Start, b.Channel, b.Value, vector);
        if (dx.IsEmpty)
        {
            return;
        }

        // The error goes back position by position (one patch of errors each), so the errors are listed that way too.
        var transposed = b.Product.AsSpan(0, positions * channels);
        for (var m = 0; m < channels; m++)
        {
            var row = g.AsSpan(m * positions, positions);
            for (var p = 0; p < positions; p++)
            {
                transposed[(p * channels) + m] = row[p];
            }
        }

        FloatKernels.Compact(transposed, channels, b.ErrorStart, b.ErrorChannel, b.ErrorValue, vector);
        var depth = shape.Depth;
        for (var p = 0; p < positions; p++)
        {
            var start = b.ErrorStart[p];
            var count = b.ErrorStart[p + 1] - start;
            var patch = b.ErrorPatches.AsSpan(p * depth, depth);
            patch.Clear();
            if (count > 0)
            {
                FloatKernels.AddScaledRows(b.ErrorValue.AsSpan(start, count), b.ErrorChannel.AsSpan(start, count), b.Weights, patch, vector);
            }
        }

        // The patches go back onto the input's error in an order that keeps windows which overlap apart (a kernel's
        // height down, a vector across), so that a read seldom overlaps in part a write still pending, which the
        // processor cannot forward; the order is fixed, so the sums are the same on every run.
        Array.Clear(b.PaddedError);
        int rowsApart = Math.Min(shape.KernelHeight, shape.OutputHeight), columnsApart = Math.Min(FloatKernels.Lanes, shape.OutputWidth);
        for (var firstRow = 0; firstRow < rowsApart; firstRow++)
        {
            for (var firstColumn = 0; firstColumn < columnsApart; firstColumn++)
            {
                for (var oy = firstRow; oy < shape.OutputHeight; oy += rowsApart)
                {
                    for (var ox = firstColumn; ox < shape.OutputWidth; ox += columnsApart)
                    {
                        var p = (oy * shape.OutputWidth) + ox;
                        if (b.ErrorStart[p + 1] > b.ErrorStart[p])
                        {
                            FloatKernels.ScatterPatch(b.ErrorPatches.AsSpan(p * depth), b.PaddedError, oy, ox, shape, vector);
                        }
                    }
                }
            }
        }

        var l = b.Layer;
        int h = l.Input.Height, w = l.Input.Width, ph = l.Padding.Height, pw = l.Padding.Width;
        for (var ch = 0; ch < shape.Channels; ch++)
        {
            FloatKernels.CopyRows(b.PaddedError, (((ch * shape.PaddedHeight) + ph) * shape.PaddedWidth) + pw, shape.PaddedWidth, dx, ch * h * w, w, h, w);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyIntoPadded(LayerBuffers b, ReadOnlySpan<float> x)
    {
        var l = b.Layer;
        var shape = b.Shape;
        int h = l.Input.Height, w = l.Input.Width, ph = l.Padding.Height, pw = l.Padding.Width;
        if (ph == 0 && pw == 0)
        {
            x.CopyTo(b.Padded);
            return;
        }

        for (var ch = 0; ch < shape.Channels; ch++)
        {
            FloatKernels.CopyRows(x, ch * h * w, w, b.Padded, (((ch * shape.PaddedHeight) + ph) * shape.PaddedWidth) + pw, shape.PaddedWidth, h, w);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PoolForward(LayerBuffers b, ReadOnlySpan<float> x)
    {
        CopyIntoPadded(b, x);
        FloatKernels.Pool(b.Padded, b.Output, b.ArgMax, b.Windows, b.Shape, b.Layer.Padding, b.Layer.Kind == LayerKind.AvgPool, vector);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PoolBackward(LayerBuffers b, Span<float> dx)
    {
        var l = b.Layer;
        dx.Clear();
        if (l.Kind == LayerKind.MaxPool)
        {
            for (var i = 0; i < b.Error.Length; i++)
            {
                if (b.ArgMax[i] >= 0)
                {
                    dx[b.ArgMax[i]] += b.Error[i];
                }
            }

            return;
        }

        int c = l.Input.Channels, h = l.Input.Height, w = l.Input.Width, e = l.Output.Height, f = l.Output.Width;
        int kh = l.Kernel.Height, kw = l.Kernel.Width, sh = l.Stride.Height, sw = l.Stride.Width, ph = l.Padding.Height, pw = l.Padding.Width;
        var share = 1f / (kh * kw);
        for (var ch = 0; ch < c; ch++)
        {
            for (var oy = 0; oy < e; oy++)
            {
                for (var ox = 0; ox < f; ox++)
                {
                    var g = b.Error[(((ch * e) + oy) * f) + ox] * share;
                    for (var r = 0; r < kh; r++)
                    {
                        var iy = (oy * sh) + r - ph;
                        for (var s = 0; s < kw; s++)
                        {
                            var ix = (ox * sw) + s - pw;
                            if ((uint)iy < (uint)h && (uint)ix < (uint)w)
                            {
                                dx[(((ch * h) + iy) * w) + ix] += g;
                            }
                        }
                    }
                }
            }
        }
    }
}
