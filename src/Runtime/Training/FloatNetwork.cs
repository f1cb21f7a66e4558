using System.Numerics.Tensors;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The float32 reference path: a training set-up's network executed op for op as the compiler lowers it — forward,
/// output error, error back-propagation through weights, pooling and activations, weight gradients summed over a
/// batch, one SGD update per batch with α / B.
/// </summary>
public sealed class FloatNetwork : INetwork
{
    private readonly LayerBuffers[] layers;
    private readonly float[] input;
    private readonly float[] inputError;
    private readonly float learningRate;
    private int samplesInBatch;

    /// <summary>Creates the network of <paramref name="training"/> with zero weights; <see cref="Initialise"/> fills them.</summary>
    public FloatNetwork(TrainingSymbol training)
    {
        Training = training;
        layers = [.. training.Network.Layers.Select(l => new LayerBuffers(l))];
        input = new float[training.Network.Input.Elements];
        inputError = new float[input.Length];
        learningRate = (float)training.LearningRate;
    }

    /// <summary>The set-up the network belongs to.</summary>
    public TrainingSymbol Training { get; }

    /// <summary>The scores of the last forward pass.</summary>
    public ReadOnlySpan<float> Scores => layers[^1].Output;

    /// <summary>The weights of the layer at <paramref name="index"/> (PyTorch layout: [out, in, kh, kw] or [out, in]).</summary>
    public Span<float> Weights(int index) => layers[index].Weights;

    /// <summary>The biases of the layer at <paramref name="index"/>.</summary>
    public Span<float> Bias(int index) => layers[index].Bias;

    /// <summary>Fills the weights from <see cref="WeightInitialiser"/>.</summary>
    public void Initialise(long seed)
    {
        foreach (var buffers in layers.Where(b => b.Layer.HasWeights))
        {
            for (var i = 0; i < buffers.Weights.Length; i++)
            {
                buffers.Weights[i] = (float)WeightInitialiser.Draw(seed, buffers.Layer, false, i);
            }

            for (var i = 0; i < buffers.Bias.Length; i++)
            {
                buffers.Bias[i] = (float)WeightInitialiser.Draw(seed, buffers.Layer, true, i);
            }
        }
    }

    /// <summary>Runs the forward pass on one sample (already scaled) and returns the predicted class.</summary>
    public int Predict(ReadOnlySpan<float> sample)
    {
        Forward(sample);
        return ArgMaxOf(layers[^1].Output);
    }

    /// <summary>
    /// Forward and backward on one sample: the gradients add to the batch's; returns the sample's loss. Call
    /// <see cref="Update"/> after the batch's last sample.
    /// </summary>
    public double Accumulate(ReadOnlySpan<float> sample, int label)
    {
        Forward(sample);
        var loss = OutputError(label);
        for (var i = layers.Length - 1; i >= 0; i--)
        {
            Backward(i);
        }

        samplesInBatch++;
        return loss;
    }

    /// <summary>The SGD update of every layer, W ← W − (α / B) · ΣdW, and a fresh batch.</summary>
    public void Update()
    {
        if (samplesInBatch == 0)
        {
            return;
        }

        var scale = -learningRate / samplesInBatch;
        foreach (var buffers in layers.Where(b => b.Layer.HasWeights))
        {
            TensorPrimitives.MultiplyAdd(buffers.WeightGradient, scale, buffers.Weights, buffers.Weights);
            TensorPrimitives.MultiplyAdd(buffers.BiasGradient, scale, buffers.Bias, buffers.Bias);
            Array.Clear(buffers.WeightGradient);
            Array.Clear(buffers.BiasGradient);
        }

        samplesInBatch = 0;
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
                    for (var m = 0; m < b.Output.Length; m++)
                    {
                        var row = b.Weights.AsSpan(m * x.Length, x.Length);
                        b.Output[m] = TensorPrimitives.Dot(row, x) + (b.Bias.Length > 0 ? b.Bias[m] : 0);
                    }

                    break;
                case LayerKind.MaxPool or LayerKind.AvgPool:
                    PoolForward(b, x);
                    break;
                case LayerKind.Flatten or LayerKind.Identity:
                    x.CopyTo(b.Output);
                    break;
                case LayerKind.Relu:
                    TensorPrimitives.Max(x, 0f, b.Output);
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

    private double OutputError(int label)
    {
        var last = layers[^1];
        var y = last.Output;
        var g = last.Error;
        if (Training.Network.Loss == LossKind.SoftmaxCrossEntropy)
        {
            TensorPrimitives.SoftMax(y, g);
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

    private void Backward(int index)
    {
        var b = layers[index];
        var layer = b.Layer;
        var needsError = index > 0 && layers.Take(index).Any(l => l.Layer.HasWeights);
        var x = InputOf(index);
        var dx = InputErrorOf(index);
        var g = b.Error;
        switch (layer.Kind)
        {
            case LayerKind.Conv2d:
                ConvBackward(b, x, needsError ? dx : default);
                break;
            case LayerKind.Dense:
                if (needsError)
                {
                    dx.Clear();
                    for (var m = 0; m < g.Length; m++)
                    {
                        TensorPrimitives.MultiplyAdd(b.Weights.AsSpan(m * x.Length, x.Length), g[m], dx, dx);
                    }
                }

                for (var m = 0; m < g.Length; m++)
                {
                    var row = b.WeightGradient.AsSpan(m * x.Length, x.Length);
                    TensorPrimitives.MultiplyAdd(x, g[m], row, row);
                }

                if (b.BiasGradient.Length > 0)
                {
                    TensorPrimitives.Add(b.BiasGradient, g, b.BiasGradient);
                }

                break;
            case LayerKind.MaxPool or LayerKind.AvgPool when needsError:
                PoolBackward(b, dx);
                break;
            case LayerKind.Flatten or LayerKind.Identity when needsError:
                g.CopyTo(dx);
                break;
            case LayerKind.Relu when needsError:
                for (var i = 0; i < g.Length; i++)
                {
                    dx[i] = b.Output[i] > 0 ? g[i] : 0;
                }

                break;
            case LayerKind.Sigmoid when needsError:
                for (var i = 0; i < g.Length; i++)
                {
                    var y = b.Output[i];
                    dx[i] = g[i] * y * (1 - y);
                }

                break;
            case LayerKind.Tanh when needsError:
                for (var i = 0; i < g.Length; i++)
                {
                    var y = b.Output[i];
                    dx[i] = g[i] * (1 - (y * y));
                }

                break;
        }
    }

    private static void ConvForward(LayerBuffers b, ReadOnlySpan<float> x)
    {
        var l = b.Layer;
        int c = l.Input.Channels, h = l.Input.Height, w = l.Input.Width;
        int m = l.Output.Channels, e = l.Output.Height, f = l.Output.Width;
        int kh = l.Kernel.Height, kw = l.Kernel.Width, sh = l.Stride.Height, sw = l.Stride.Width, ph = l.Padding.Height, pw = l.Padding.Width;
        for (var o = 0; o < m; o++)
        {
            var bias = b.Bias.Length > 0 ? b.Bias[o] : 0f;
            for (var oy = 0; oy < e; oy++)
            {
                for (var ox = 0; ox < f; ox++)
                {
                    var sum = bias;
                    for (var ch = 0; ch < c; ch++)
                    {
                        for (var r = 0; r < kh; r++)
                        {
                            var iy = (oy * sh) + r - ph;
                            if ((uint)iy >= (uint)h)
                            {
                                continue;
                            }

                            var weights = ((((o * c) + ch) * kh) + r) * kw;
                            var row = ((ch * h) + iy) * w;
                            for (var s = 0; s < kw; s++)
                            {
                                var ix = (ox * sw) + s - pw;
                                if ((uint)ix < (uint)w)
                                {
                                    sum += b.Weights[weights + s] * x[row + ix];
                                }
                            }
                        }
                    }

                    b.Output[(((o * e) + oy) * f) + ox] = sum;
                }
            }
        }
    }

    private static void ConvBackward(LayerBuffers b, ReadOnlySpan<float> x, Span<float> dx)
    {
        var l = b.Layer;
        int c = l.Input.Channels, h = l.Input.Height, w = l.Input.Width;
        int m = l.Output.Channels, e = l.Output.Height, f = l.Output.Width;
        int kh = l.Kernel.Height, kw = l.Kernel.Width, sh = l.Stride.Height, sw = l.Stride.Width, ph = l.Padding.Height, pw = l.Padding.Width;
        dx.Clear();
        for (var o = 0; o < m; o++)
        {
            for (var oy = 0; oy < e; oy++)
            {
                for (var ox = 0; ox < f; ox++)
                {
                    var g = b.Error[(((o * e) + oy) * f) + ox];
                    if (b.BiasGradient.Length > 0)
                    {
                        b.BiasGradient[o] += g;
                    }

                    if (g == 0)
                    {
                        continue;
                    }

                    for (var ch = 0; ch < c; ch++)
                    {
                        for (var r = 0; r < kh; r++)
                        {
                            var iy = (oy * sh) + r - ph;
                            if ((uint)iy >= (uint)h)
                            {
                                continue;
                            }

                            var weights = ((((o * c) + ch) * kh) + r) * kw;
                            var row = ((ch * h) + iy) * w;
                            for (var s = 0; s < kw; s++)
                            {
                                var ix = (ox * sw) + s - pw;
                                if ((uint)ix < (uint)w)
                                {
                                    b.WeightGradient[weights + s] += g * x[row + ix];
                                    if (!dx.IsEmpty)
                                    {
                                        dx[row + ix] += g * b.Weights[weights + s];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void PoolForward(LayerBuffers b, ReadOnlySpan<float> x)
    {
        var l = b.Layer;
        int c = l.Input.Channels, h = l.Input.Height, w = l.Input.Width, e = l.Output.Height, f = l.Output.Width;
        int kh = l.Kernel.Height, kw = l.Kernel.Width, sh = l.Stride.Height, sw = l.Stride.Width, ph = l.Padding.Height, pw = l.Padding.Width;
        var average = l.Kind == LayerKind.AvgPool;
        for (var ch = 0; ch < c; ch++)
        {
            for (var oy = 0; oy < e; oy++)
            {
                for (var ox = 0; ox < f; ox++)
                {
                    var best = float.NegativeInfinity;
                    var where = -1;
                    var sum = 0f;
                    for (var r = 0; r < kh; r++)
                    {
                        var iy = (oy * sh) + r - ph;
                        for (var s = 0; s < kw; s++)
                        {
                            var ix = (ox * sw) + s - pw;
                            if ((uint)iy >= (uint)h || (uint)ix >= (uint)w)
                            {
                                continue; // padding: ignored by max, a zero in the average (PyTorch's count_include_pad)
                            }

                            var index = (((ch * h) + iy) * w) + ix;
                            sum += x[index];
                            if (x[index] > best)
                            {
                                best = x[index];
                                where = index;
                            }
                        }
                    }

                    var output = (((ch * e) + oy) * f) + ox;
                    if (average)
                    {
                        b.Output[output] = sum / (kh * kw);
                    }
                    else
                    {
                        b.Output[output] = where < 0 ? 0 : best;
                        b.ArgMax[output] = where;
                    }
                }
            }
        }
    }

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
