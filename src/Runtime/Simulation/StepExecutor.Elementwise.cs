using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Numerics;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Runtime.Simulation;

/// <content>
/// Element-wise ops on the PEs' ALUs, the f′ unit and the update path: element k of a sample goes to PE k mod (R·C) in
/// cycle ⌊k / (R·C)⌋ of that sample's share of the op, and is one register-file write. Pooling's elements are the
/// window positions it reads (padding included); the others' are their tensors' elements.
/// </content>
internal sealed partial class StepExecutor
{
    private void RunElementwise(Op op, LayerState? l)
    {
        if (op.Kind is OpKind.ActivationBackward or OpKind.Update or OpKind.PoolBackward && !array[0, 0].CanRun(OperandRoute.TrainingUnit))
        {
            throw new SimulationAbort(At(op).OpNeedsTrainingPe(op.Name, accelerator.Name));
        }

        for (var b = 0; b < op.Samples; b++)
        {
            var items = op.Kind switch
            {
                OpKind.PoolForward => PoolForward(l!, b),
                OpKind.PoolBackward => PoolBackward(l!, b),
                OpKind.ActivationForward => ActivationForward(l!, b),
                OpKind.ActivationBackward => ActivationBackward(l!, b),
                OpKind.OutputError => OutputError(b),
                _ => Update(l!),
            };
            Spread(op, items);
        }
    }

    // Element-wise work spread over every PE, one element per PE per cycle.
    private void Spread(Op op, long items)
    {
        if (items == 0)
        {
            return;
        }

        var count = array.Count;
        var cycles = (items + count - 1) / count;
        var start = opStart + computeCycles;
        if (start + cycles > options.CycleBudget)
        {
            throw new SimulationAbort(At(op).CycleBudgetExceeded(op.Name, start + cycles, options.CycleBudget));
        }

        registerFile += items;
        pesUsed = (int)Math.Max(pesUsed, Math.Min(items, count));
        Touch(array.At(0), start + 1);
        Touch(array.At((int)((items - 1) % count)), start + cycles);
        if (options.RecordSets)
        {
            sets.Add(new SetActivity(0, 0, array.Rows, array.Columns, start, start + cycles, 1, "element-wise"));
        }

        if (watching && options.WatchPe is { } w && w.Row < array.Rows && w.Column < array.Columns)
        {
            for (long k = (w.Row * array.Columns) + w.Column; k < items; k += count)
            {
                Log(start + (k / count), $"{op.Name}: element {k} (register write)");
            }
        }

        computeCycles += cycles;
    }

    private long PoolForward(LayerState l, int sample)
    {
        var s = l.Layer;
        var x = InputOf(s.Index, sample);
        var xf = InputFormatOf(s.Index);
        int c = s.Input.Channels, h = s.Input.Height, w = s.Input.Width, e = s.Output.Height, f = s.Output.Width;
        int kh = s.Kernel.Height, kw = s.Kernel.Width, sh = s.Stride.Height, sw = s.Stride.Width, ph = s.Padding.Height, pw = s.Padding.Width;
        var average = s.Kind == LayerKind.AvgPool;
        var (reciprocalRaw, reciprocalFraction) = FixedArithmetic.Constant(1.0 / (kh * kw));
        var key = RoundingStreams.Forward(random, Samples + sample, s.Index, false);
        var output = l.Output[sample];
        var argMax = l.ArgMax[sample];
        long items = 0;
        for (var ch = 0; ch < c; ch++)
        {
            for (var oy = 0; oy < e; oy++)
            {
                for (var ox = 0; ox < f; ox++)
                {
                    long best = long.MinValue, sum = 0;
                    var where = -1;
                    for (var r = 0; r < kh; r++)
                    {
                        var iy = (oy * sh) + r - ph;
                        for (var t = 0; t < kw; t++)
                        {
                            items++;
                            var ix = (ox * sw) + t - pw;
                            if ((uint)iy >= (uint)h || (uint)ix >= (uint)w)
                            {
                                continue;
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

                    var at = (((ch * e) + oy) * f) + ox;
                    if (average)
                    {
                        output[at] = FixedArithmetic.Narrow(sum * reciprocalRaw, xf.FractionBits + reciprocalFraction, l.Precision.Forward, key, at);
                    }
                    else
                    {
                        argMax[at] = where;
                        output[at] = where < 0 ? 0 : FixedArithmetic.Narrow(best, xf.FractionBits, l.Precision.Forward, key, at);
                    }
                }
            }
        }

        macUnitMacs += average ? items : 0;
        globalBuffer.Move(items + output.Length);
        return items;
    }

    // Max: the error goes to the arg-max the pool unit recorded (found again from the input and the output, which are
    // read); average: each window position gets the error times 1/K².
    private long PoolBackward(LayerState l, int sample)
    {
        var s = l.Layer;
        var target = layers[s.Index - 1];
        var g = l.Error[sample];
        var gf = l.Precision.Error.Format;
        var dx = new long[target.Error[sample].Length];
        var fraction = gf.FractionBits;
        int c = s.Input.Channels, h = s.Input.Height, w = s.Input.Width, e = s.Output.Height, f = s.Output.Width;
        int kh = s.Kernel.Height, kw = s.Kernel.Width, sh = s.Stride.Height, sw = s.Stride.Width, ph = s.Padding.Height, pw = s.Padding.Width;
        var items = (long)g.Length * kh * kw;
        if (s.Kind == LayerKind.MaxPool)
        {
            var argMax = l.ArgMax[sample];
            for (var i = 0; i < g.Length; i++)
            {
                if (argMax[i] >= 0)
                {
                    dx[argMax[i]] += g[i];
                }
            }

            globalBuffer.Move(g.Length + dx.Length + l.Output[sample].Length + dx.Length);
        }
        else
        {
            var (reciprocalRaw, reciprocalFraction) = FixedArithmetic.Constant(1.0 / (kh * kw));
            fraction += reciprocalFraction;
            for (var ch = 0; ch < c; ch++)
            {
                for (var oy = 0; oy < e; oy++)
                {
                    for (var ox = 0; ox < f; ox++)
                    {
                        var value = g[(((ch * e) + oy) * f) + ox] * reciprocalRaw;
                        for (var r = 0; r < kh; r++)
                        {
                            var iy = (oy * sh) + r - ph;
                            for (var t = 0; t < kw; t++)
                            {
                                var ix = (ox * sw) + t - pw;
                                if ((uint)iy < (uint)h && (uint)ix < (uint)w)
                                {
                                    dx[(((ch * h) + iy) * w) + ix] += value;
                                }
                            }
                        }
                    }
                }
            }

            macUnitMacs += items;
            globalBuffer.Move(g.Length + dx.Length);
        }

        var key = RoundingStreams.Error(random, Samples + sample, s.Index - 1);
        var error = target.Error[sample];
        for (var n = 0; n < dx.Length; n++)
        {
            error[n] = FixedArithmetic.Narrow(dx[n], fraction, target.Precision.Error, key, n);
        }

        FixedArithmetic.StopOutwardErrors(target.Error[sample], target.Output[sample], target.Precision.Forward.Format);
        return items;
    }

    private long ActivationForward(LayerState l, int sample)
    {
        var s = l.Layer;
        var x = InputOf(s.Index, sample);
        var xf = InputFormatOf(s.Index);
        var y = l.Output[sample];
        var forward = l.Precision.Forward;
        var key = RoundingStreams.Forward(random, Samples + sample, s.Index, false);
        for (var n = 0; n < x.Length; n++)
        {
            y[n] = s.Kind switch
            {
                LayerKind.Relu => FixedArithmetic.Narrow(Math.Max(0, x[n]), xf.FractionBits, forward, key, n),
                LayerKind.Sigmoid => FixedArithmetic.FromDouble(1 / (1 + Math.Exp(-FixedPoint.ToDouble(x[n], xf))), forward, key, n),
                LayerKind.Tanh => FixedArithmetic.FromDouble(Math.Tanh(FixedPoint.ToDouble(x[n], xf)), forward, key, n),
                _ => FixedArithmetic.Narrow(x[n], xf.FractionBits, forward, key, n),
            };
        }

        // A flatten only renames its input: no element moves, so it costs nothing.
        if (s.Kind == LayerKind.Flatten)
        {
            return 0;
        }

        globalBuffer.Move(2L * x.Length);
        return x.Length;
    }

    // The f′ unit: G ⊙ f′(Y), from the layer's output.
    private long ActivationBackward(LayerState l, int sample)
    {
        var s = l.Layer;
        var target = layers[s.Index - 1];
        var g = l.Error[sample];
        var gf = l.Precision.Error.Format;
        var y = l.Output[sample];
        var dx = target.Error[sample];
        var key = RoundingStreams.Error(random, Samples + sample, s.Index - 1);
        var precision = target.Precision.Error;
        var yf = l.Precision.Forward.Format.FractionBits;
        var one = 1L << yf;
        for (var n = 0; n < g.Length; n++)
        {
            switch (s.Kind)
            {
                case LayerKind.Relu:
                    dx[n] = FixedArithmetic.Narrow(y[n] > 0 ? g[n] : 0, gf.FractionBits, precision, key, n);
                    break;
                case LayerKind.Sigmoid or LayerKind.Tanh:
                {
                    long v = y[n];
                    var derivative = s.Kind == LayerKind.Sigmoid ? v * (one - v) : (one * one) - (v * v);
                    dx[n] = FixedArithmetic.NarrowWide((Int128)g[n] * derivative, gf.FractionBits + (2 * yf), precision, key, n);
                    break;
                }

                default:
                    dx[n] = FixedArithmetic.Narrow(g[n], gf.FractionBits, precision, key, n);
                    break;
            }
        }

        FixedArithmetic.StopOutwardErrors(target.Error[sample], target.Output[sample], target.Precision.Forward.Format);
        if (s.Kind == LayerKind.Flatten)
        {
            return 0;
        }

        macUnitMacs += g.Length;
        globalBuffer.Move(3L * g.Length);
        return g.Length;
    }

    private long OutputError(int sample)
    {
        var last = layers[^1];
        var format = last.Precision.Forward.Format;
        var error = last.Precision.Error;
        var key = RoundingStreams.Error(random, Samples + sample, last.Layer.Index);
        var output = last.Output[sample];
        var label = labels[sample];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = FixedPoint.ToDouble(output[i], format);
        }

        LossError.Form(scores, label, training.Network.Loss);

        var g = last.Error[sample];
        for (var i = 0; i < scores.Length; i++)
        {
            g[i] = FixedArithmetic.FromDouble(scores[i], error, key, i);
        }

        FixedArithmetic.StopOutwardErrors(last.Error[sample], last.Output[sample], last.Precision.Forward.Format);

        globalBuffer.Move((2L * scores.Length) + 1);
        return scores.Length;
    }

    // The update path over the batch's exact gradient sums: W − (α / B) · dW, dW narrowed first.
    private long Update(LayerState l)
    {
        var (rateRaw, rateFraction) = LearningRate(step.BatchSize);
        var update = UpdatePath(l, rateRaw, rateFraction);
        for (var i = 0; i < l.Weights.Length; i++)
        {
            update(i, false);
        }

        for (var i = 0; i < l.Bias.Length; i++)
        {
            update(i, true);
        }

        Array.Clear(l.WeightSums);
        Array.Clear(l.BiasSums);
        var items = (long)l.Weights.Length + l.Bias.Length;
        macUnitMacs += items;
        globalBuffer.Move(3 * items);
        return items;
    }

    private (long Raw, int Fraction) LearningRate(int batch) => FixedArithmetic.Constant(training.LearningRate / batch);

    // One parameter through the update path: its gradient sum narrowed to the weight-gradient format, then
    // w − rate · dw computed exactly and narrowed to the update format.
    private Action<int, bool> UpdatePath(LayerState l, long rateRaw, int rateFraction)
    {
        var gradient = l.Precision.WeightGradient;
        var update = l.Precision.Update;
        var index = l.Layer.Index;
        var weightKey = (RoundingStreams.Gradient(random, Updates, index, false), RoundingStreams.Parameters(random, Updates, index, false));
        var biasKey = (RoundingStreams.Gradient(random, Updates, index, true), RoundingStreams.Parameters(random, Updates, index, true));
        var weightFraction = update.Format.FractionBits;
        var stepFraction = rateFraction + gradient.Format.FractionBits;
        var fraction = Math.Max(weightFraction, stepFraction);
        return (i, bias) =>
        {
            var (gradientKey, parameterKey) = bias ? biasKey : weightKey;
            var parameters = bias ? l.Bias : l.Weights;
            var sum = bias ? l.BiasSums[i] : l.WeightSums[i];
            var dw = FixedArithmetic.Narrow(sum, bias ? l.Precision.Error.Format.FractionBits : l.GradientFraction, gradient, gradientKey, i);
            var value = ((long)parameters[i] << (fraction - weightFraction)) - ((rateRaw * dw) << (fraction - stepFraction));
            parameters[i] = FixedArithmetic.Narrow(value, fraction, update, parameterKey, i);
        };
    }
}
