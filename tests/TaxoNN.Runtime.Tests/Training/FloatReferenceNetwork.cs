using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Runtime.Tests.Training;

/// <summary>
/// SGD re-derived for the tests in double precision with plain loops, one formula per op, nothing shared with
/// <see cref="FloatNetwork"/> but the starting weights: the yardstick its kernels are held to.
/// </summary>
internal sealed class FloatReferenceNetwork
{
    private readonly TrainingSymbol training;
    private readonly double[][] outputs;
    private readonly double[][] errors;
    private readonly int[][] argMax;
    private readonly double[][] weightGradients;
    private readonly double[][] biasGradients;
    private double[] input = [];
    private int samples;

    public FloatReferenceNetwork(TrainingSymbol training, FloatNetwork start)
    {
        this.training = training;
        var layers = training.Network.Layers;
        Weights = [.. layers.Select(l => l.HasWeights ? start.Weights(l.Index).ToArray().Select(v => (double)v).ToArray() : [])];
        Bias = [.. layers.Select(l => l.HasWeights ? start.Bias(l.Index).ToArray().Select(v => (double)v).ToArray() : [])];
        outputs = [.. layers.Select(l => new double[l.Output.Elements])];
        errors = [.. layers.Select(l => new double[l.Output.Elements])];
        argMax = [.. layers.Select(l => new int[l.Output.Elements])];
        weightGradients = [.. Weights.Select(w => new double[w.Length])];
        biasGradients = [.. Bias.Select(b => new double[b.Length])];
    }

    public double[][] Weights { get; }

    public double[][] Bias { get; }

    public double Accumulate(float[] sample, int label)
    {
        input = [.. sample.Select(v => (double)v)];
        var layers = training.Network.Layers;
        for (var i = 0; i < layers.Length; i++)
        {
            Forward(layers[i], i == 0 ? input : outputs[i - 1]);
        }

        var y = outputs[^1];
        var g = errors[^1];
        double loss;
        if (training.Network.Loss == LossKind.SoftmaxCrossEntropy)
        {
            var max = y.Max();
            var sum = y.Sum(v => Math.Exp(v - max));
            for (var i = 0; i < y.Length; i++)
            {
                g[i] = (Math.Exp(y[i] - max) / sum) - (i == label ? 1 : 0);
            }

            loss = -Math.Log(Math.Exp(y[label] - max) / sum);
        }
        else
        {
            loss = 0;
            for (var i = 0; i < y.Length; i++)
            {
                var d = y[i] - (i == label ? 1 : 0);
                loss += d * d / y.Length;
                g[i] = 2 * d / y.Length;
            }
        }

        for (var i = layers.Length - 1; i >= 0; i--)
        {
            Backward(layers[i], i == 0 ? input : outputs[i - 1], i == 0 ? new double[input.Length] : errors[i - 1]);
        }

        samples++;
        return loss;
    }

    public void Update()
    {
        var rate = training.LearningRate / samples;
        for (var l = 0; l < Weights.Length; l++)
        {
            for (var i = 0; i < Weights[l].Length; i++)
            {
                Weights[l][i] -= rate * weightGradients[l][i];
            }

            for (var i = 0; i < Bias[l].Length; i++)
            {
                Bias[l][i] -= rate * biasGradients[l][i];
            }

            Array.Clear(weightGradients[l]);
            Array.Clear(biasGradients[l]);
        }

        samples = 0;
    }

    private static IEnumerable<(int Output, int Input)> Windows(LayerSymbol l)
    {
        for (var c = 0; c < l.Output.Channels; c++)
        {
            for (var oy = 0; oy < l.Output.Height; oy++)
            {
                for (var ox = 0; ox < l.Output.Width; ox++)
                {
                    var output = (((c * l.Output.Height) + oy) * l.Output.Width) + ox;
                    for (var r = 0; r < l.Kernel.Height; r++)
                    {
                        for (var s = 0; s < l.Kernel.Width; s++)
                        {
                            int iy = (oy * l.Stride.Height) + r - l.Padding.Height, ix = (ox * l.Stride.Width) + s - l.Padding.Width;
                            var inside = iy >= 0 && iy < l.Input.Height && ix >= 0 && ix < l.Input.Width;
                            yield return (output, inside ? (((c * l.Input.Height) + iy) * l.Input.Width) + ix : -1);
                        }
                    }
                }
            }
        }
    }

    private void Forward(LayerSymbol l, double[] x)
    {
        var y = outputs[l.Index];
        var w = Weights[l.Index];
        var b = Bias[l.Index];
        switch (l.Kind)
        {
            case LayerKind.Conv2d:
                ForEachTap(l, (o, m, i, k) => y[o] += w[k] * x[i], o => y[o] = b.Length > 0 ? b[o / (l.Output.Height * l.Output.Width)] : 0);
                break;
            case LayerKind.Dense:
                for (var m = 0; m < y.Length; m++)
                {
                    y[m] = (b.Length > 0 ? b[m] : 0) + Enumerable.Range(0, x.Length).Sum(n => w[(m * x.Length) + n] * x[n]);
                }

                break;
            case LayerKind.MaxPool:
                Array.Fill(y, double.NegativeInfinity);
                Array.Fill(argMax[l.Index], -1);
                foreach (var (o, i) in Windows(l))
                {
                    if (i >= 0 && x[i] > y[o])
                    {
                        y[o] = x[i];
                        argMax[l.Index][o] = i;
                    }
                }

                for (var o = 0; o < y.Length; o++)
                {
                    y[o] = argMax[l.Index][o] < 0 ? 0 : y[o];
                }

                break;
            case LayerKind.AvgPool:
                Array.Clear(y);
                foreach (var (o, i) in Windows(l))
                {
                    y[o] += i >= 0 ? x[i] / (l.Kernel.Height * l.Kernel.Width) : 0;
                }

                break;
            default:
                for (var i = 0; i < y.Length; i++)
                {
                    y[i] = l.Kind switch
                    {
                        LayerKind.Relu => Math.Max(x[i], 0),
                        LayerKind.Sigmoid => 1 / (1 + Math.Exp(-x[i])),
                        LayerKind.Tanh => Math.Tanh(x[i]),
                        _ => x[i],
                    };
                }

                break;
        }
    }

    private void Backward(LayerSymbol l, double[] x, double[] dx)
    {
        var g = errors[l.Index];
        var y = outputs[l.Index];
        var w = Weights[l.Index];
        var dw = weightGradients[l.Index];
        var db = biasGradients[l.Index];
        Array.Clear(dx);
        switch (l.Kind)
        {
            case LayerKind.Conv2d:
                ForEachTap(l, (o, m, i, k) =>
                {
                    dw[k] += g[o] * x[i];
                    dx[i] += g[o] * w[k];
                }, o =>
                {
                    if (db.Length > 0)
                    {
                        db[o / (l.Output.Height * l.Output.Width)] += g[o];
                    }
                });
                break;
            case LayerKind.Dense:
                for (var m = 0; m < g.Length; m++)
                {
                    for (var n = 0; n < x.Length; n++)
                    {
                        dw[(m * x.Length) + n] += g[m] * x[n];
                        dx[n] += g[m] * w[(m * x.Length) + n];
                    }

                    if (db.Length > 0)
                    {
                        db[m] += g[m];
                    }
                }

                break;
            case LayerKind.MaxPool:
                for (var o = 0; o < g.Length; o++)
                {
                    if (argMax[l.Index][o] >= 0)
                    {
                        dx[argMax[l.Index][o]] += g[o];
                    }
                }

                break;
            case LayerKind.AvgPool:
                foreach (var (o, i) in Windows(l))
                {
                    if (i >= 0)
                    {
                        dx[i] += g[o] / (l.Kernel.Height * l.Kernel.Width);
                    }
                }

                break;
            default:
                for (var i = 0; i < g.Length; i++)
                {
                    dx[i] = g[i] * l.Kind switch
                    {
                        LayerKind.Relu => y[i] > 0 ? 1 : 0,
                        LayerKind.Sigmoid => y[i] * (1 - y[i]),
                        LayerKind.Tanh => 1 - (y[i] * y[i]),
                        _ => 1,
                    };
                }

                break;
        }
    }

    /// <summary>Calls <paramref name="start"/> once per output, then <paramref name="tap"/>(output, filter, input, weight) for every tap inside the input.</summary>
    private static void ForEachTap(LayerSymbol l, Action<int, int, int, int> tap, Action<int> start)
    {
        int e = l.Output.Height, f = l.Output.Width, c = l.Input.Channels, h = l.Input.Height, w = l.Input.Width;
        for (var m = 0; m < l.Output.Channels; m++)
        {
            for (var oy = 0; oy < e; oy++)
            {
                for (var ox = 0; ox < f; ox++)
                {
                    var o = (((m * e) + oy) * f) + ox;
                    start(o);
                    for (var ch = 0; ch < c; ch++)
                    {
                        for (var r = 0; r < l.Kernel.Height; r++)
                        {
                            for (var s = 0; s < l.Kernel.Width; s++)
                            {
                                int iy = (oy * l.Stride.Height) + r - l.Padding.Height, ix = (ox * l.Stride.Width) + s - l.Padding.Width;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                                {
                                    tap(o, m, (((ch * h) + iy) * w) + ix, (((((m * c) + ch) * l.Kernel.Height) + r) * l.Kernel.Width) + s);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
