using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Mapping;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Numerics;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Runtime.Simulation;

/// <content>Conv-like ops (forward, error and weight gradient of convolutions and dense layers) on the PE sets.</content>
internal sealed partial class StepExecutor
{
    /// <summary>The geometry of a conv-like op: its own, or a dense layer's as a 1 x 1 convolution or an outer product.</summary>
    internal static ConvGeometry GeometryOf(Op op) => op.Geometry ?? (op.Kind == OpKind.WeightGradient
        ? RowStationaryMapper.OuterProduct(op.Rows, op.Columns)
        : RowStationaryMapper.MatrixVector(op.Rows, op.Columns));

    private void RunConvLike(ScheduledOp scheduled, LayerState l, int sample)
    {
        var op = scheduled.Op;
        var g = GeometryOf(op);
        var mapping = scheduled.Cost.Mapping!;
        var s = l.Layer;
        var index = s.Index;
        var x = InputOf(index, sample);
        var xf = InputFormatOf(index);
        switch (op.Kind)
        {
            case OpKind.Forward:
            {
                var sink = new long[g.M * (long)g.E * g.F];
                RunConv(op, g, mapping, ForwardOperands(l, g, x, sink), "forward");
                FinishForward(l, sink, xf, sample);
                break;
            }

            case OpKind.Error:
            {
                var sink = new long[layers[index - 1].Error[sample].Length];
                RunConv(op, g, mapping, ErrorOperands(l, g, sample, sink), "error");
                FinishError(l, sink, sample);
                break;
            }

            default:
                l.GradientFraction = l.Precision.Error.Format.FractionBits + xf.FractionBits;
                RunConv(op, g, mapping, GradientOperands(l, g, x, sample), "weight gradient");
                break;
        }
    }

    // Fused (batch 1). Convolution: the error pass, then the gradient pass, then each finished gradient through the
    // update path (weight read, updated, written back). Dense: the error pass reads each weight once; the update path
    // beside the MAC updates it in the same cycle from g·x and writes it back.
    private void RunFused(ScheduledOp scheduled, LayerState l)
    {
        var op = scheduled.Op;
        var s = l.Layer;
        var index = s.Index;
        var x = InputOf(index, 0);
        var xf = InputFormatOf(index);
        l.GradientFraction = l.Precision.Error.Format.FractionBits + xf.FractionBits;
        var (rateRaw, rateFraction) = LearningRate(1);
        var errorSink = new long[layers[index - 1].Error[0].Length];
        if (op.Geometry is { } errorGeometry)
        {
            RunConv(op, errorGeometry, scheduled.Cost.Mapping!, ErrorOperands(l, errorGeometry, 0, errorSink), "error");
            FinishError(l, errorSink, 0);
            var gradientGeometry = Lowerer.GradientGeometry(s);
            RunConv(op, gradientGeometry, scheduled.Cost.SecondMapping!, GradientOperands(l, gradientGeometry, x, 0), "weight gradient");
            var update = UpdatePath(l, rateRaw, rateFraction);
            for (var i = 0; i < l.Weights.Length; i++)
            {
                update(i, false);
                registerFile += 2;
                globalBuffer.Move(2);
            }

            for (var i = 0; i < l.Bias.Length; i++)
            {
                update(i, true);
                registerFile += 2;
                globalBuffer.Move(2);
            }
        }
        else
        {
            var g = l.Error[0];
            var n = x.Length;
            var update = UpdatePath(l, rateRaw, rateFraction);
            var geometry = RowStationaryMapper.MatrixVector(op.Rows, op.Columns);

            // The update path takes the layer's input vector once; the MAC's error operand g[m] is already at hand.
            globalBuffer.Move(n);
            var operands = ErrorOperands(l, geometry, 0, errorSink) with { UpdatePath = weight =>
            {
                l.WeightSums[weight] = (long)g[weight / n] * x[weight % n];
                update(weight, false);
                l.WeightSums[weight] = 0;
                registerFile++;
                globalBuffer.Move(1);
            } };
            RunConv(op, geometry, scheduled.Cost.Mapping!, operands, "error");
            FinishError(l, errorSink, 0);
            for (var m = 0; m < l.Bias.Length; m++)
            {
                l.BiasSums[m] = g[m];
                update(m, true);
                l.BiasSums[m] = 0;
                registerFile++;
                globalBuffer.Move(1);
            }
        }

        Array.Clear(l.WeightSums);
        Array.Clear(l.BiasSums);
    }

    private ConvOperands ForwardOperands(LayerState l, ConvGeometry g, int[] x, long[] sink)
    {
        var s = l.Layer;
        if (s.Kind == LayerKind.Dense)
        {
            return new ConvOperands { Filter = l.Weights, StrideM = g.C, StrideC = 1, Ifmap = x, Sink = sink, ColumnStride = 1, ColumnDilation = 1, Route = OperandRoute.Forward };
        }

        return new ConvOperands
        {
            Filter = l.Weights,
            StrideM = g.C * g.R * g.S,
            StrideC = g.R * g.S,
            StrideR = g.S,
            StrideS = 1,
            Ifmap = Padded(x, s.Input.Channels, s.Input.Height, s.Input.Width, s.Padding.Height, s.Padding.Width),
            Sink = sink,
            ColumnStride = s.Stride.Width,
            ColumnDilation = 1,
            Route = OperandRoute.Forward,
        };
    }

    // The error pass reads the weights rotated by 180° with channels swapped (dense: transposed) over the output error
    // dilated by the stride and padded by R − 1 − P rows and S − 1 − Q columns (zeros that take their MAC cycles).
    private ConvOperands ErrorOperands(LayerState l, ConvGeometry g, int sample, long[] sink)
    {
        var s = l.Layer;
        var error = l.Error[sample];
        if (s.Kind == LayerKind.Dense)
        {
            // M = inputs (filters), C = outputs (channels): filter (n, m) is W[m][n].
            return new ConvOperands { Filter = l.Weights, StrideM = 1, StrideC = g.M, Ifmap = error, Sink = sink, ColumnStride = 1, ColumnDilation = 1, Route = OperandRoute.Error };
        }

        int outputs = s.Output.Channels, e = s.Output.Height, f = s.Output.Width, kh = s.Kernel.Height, kw = s.Kernel.Width;
        int height = g.H, width = g.W;
        var plane = new int[outputs * height * width];
        var real = new byte[plane.Length];
        for (var o = 0; o < outputs; o++)
        {
            for (var oy = 0; oy < e; oy++)
            {
                var y = (oy * s.Stride.Height) + kh - 1 - s.Padding.Height;
                if ((uint)y >= (uint)height)
                {
                    continue;
                }

                for (var ox = 0; ox < f; ox++)
                {
                    var xx = (ox * s.Stride.Width) + kw - 1 - s.Padding.Width;
                    if ((uint)xx < (uint)width)
                    {
                        var at = (((o * height) + y) * width) + xx;
                        plane[at] = error[(((o * e) + oy) * f) + ox];
                        real[at] = 1;
                    }
                }
            }
        }

        // Filter (m = input channel, c = output channel, r, s) is W[c][m][R-1-r][S-1-s].
        return new ConvOperands
        {
            Filter = l.Weights,
            FilterBase = ((kh - 1) * kw) + (kw - 1),
            StrideM = kh * kw,
            StrideC = s.Input.Channels * kh * kw,
            StrideR = -kw,
            StrideS = -1,
            Ifmap = plane,
            Real = real,
            Sink = sink,
            ColumnStride = 1,
            ColumnDilation = 1,
            Route = OperandRoute.Error,
        };
    }

    // The gradient pass: the output error of each filter is the filter (E x F taps, dilated by the stride) over the
    // padded input; each (filter, channel) pair sums into its own R x S gradient.
    private ConvOperands GradientOperands(LayerState l, ConvGeometry g, int[] x, int sample)
    {
        var s = l.Layer;
        var error = l.Error[sample];
        if (s.Kind == LayerKind.Dense)
        {
            return new ConvOperands
            {
                Filter = error, StrideM = 1, Ifmap = x, Sink = l.WeightSums, ColumnStride = 1, ColumnDilation = 1,
                BiasSink = l.BiasSums.Length > 0 ? l.BiasSums : null, Route = OperandRoute.Gradient,
            };
        }

        return new ConvOperands
        {
            Filter = error,
            StrideM = g.R * g.S,
            StrideC = 0,
            StrideR = g.S,
            StrideS = 1,
            Ifmap = Padded(x, s.Input.Channels, s.Input.Height, s.Input.Width, s.Padding.Height, s.Padding.Width),
            Sink = l.WeightSums,
            ColumnStride = 1,
            ColumnDilation = s.Stride.Width,
            BiasSink = l.BiasSums.Length > 0 ? l.BiasSums : null,
            Route = OperandRoute.Gradient,
        };
    }

    private static int[] Padded(int[] x, int channels, int height, int width, int ph, int pw)
    {
        if (ph == 0 && pw == 0)
        {
            return x;
        }

        int h = height + (2 * ph), w = width + (2 * pw);
        var plane = new int[channels * h * w];
        for (var c = 0; c < channels; c++)
        {
            for (var y = 0; y < height; y++)
            {
                Array.Copy(x, ((c * height) + y) * width, plane, (((c * h) + y + ph) * w) + pw, width);
            }
        }

        return plane;
    }

    // The psum exit of a forward pass: the bias aligned and added, one narrowing per output.
    private void FinishForward(LayerState l, long[] sink, FixedFormat xf, int sample)
    {
        var weight = l.Precision.Update.Format.FractionBits;
        var product = weight + xf.FractionBits;
        var fraction = Math.Max(product, weight);
        int productShift = fraction - product, biasShift = fraction - weight;
        var perFilter = sink.Length / l.Layer.Output.Channels;
        var key = RoundingStreams.Forward(random, Samples + sample, l.Layer.Index, false);
        var output = l.Output[sample];
        for (var i = 0; i < sink.Length; i++)
        {
            var bias = l.Bias.Length > 0 ? (long)l.Bias[i / perFilter] << biasShift : 0;
            output[i] = FixedArithmetic.Narrow((sink[i] << productShift) + bias, fraction, l.Precision.Forward, key, i);
        }
    }

    private void FinishError(LayerState l, long[] sink, int sample)
    {
        var target = layers[l.Layer.Index - 1];
        var fraction = l.Precision.Error.Format.FractionBits + l.Precision.Update.Format.FractionBits;
        var key = RoundingStreams.Error(random, Samples + sample, l.Layer.Index - 1);
        var error = target.Error[sample];
        for (var n = 0; n < sink.Length; n++)
        {
            error[n] = FixedArithmetic.Narrow(sink[n], fraction, target.Precision.Error, key, n);
        }

        FixedArithmetic.StopOutwardErrors(target.Error[sample], target.Output[sample], target.Precision.Forward.Format);
    }

    /// <summary>
    /// Runs one sample of a conv-like op on the array: units (p filters x q channels x s taps x f outputs on a set of
    /// h x e PEs) go to the sets pass after pass; in each pass the filter spads fill at one word per cycle, then every
    /// PE steps through the same p·q·s·f MAC slots in lockstep (a slot whose filter, channel, tap or output is beyond
    /// the layer idles); partial sums climb each column and the top PE writes them to the global buffer, read back
    /// first by every unit that is not the first of its accumulation chain.
    /// </summary>
    private void RunConv(Op op, ConvGeometry g, RowStationaryMapping m, ConvOperands o, string pass)
    {
        if (!array[0, 0].CanRun(o.Route))
        {
            throw new SimulationAbort(At(op).OpNeedsTrainingPe(op.Name, accelerator.Name));
        }

        SimulatorChecks.CheckMapping(op, g, m, accelerator);
        int h = m.SetHeight, e = m.SetWidth, p = m.FiltersPerPe, q = m.ChannelsPerPe, s = m.TapsPerPrimitive, f = m.OutputWidthPerUnit;
        int nR = m.RowFolds, nS = m.TapFolds, nE = m.Bands, k = m.OutputSplits, across = m.SetsAcross;
        int mBlocks = Ceil(g.M, p), cBlocks = Ceil(g.C, q);
        var separate = g.SeparateChannels;
        var psums = separate ? p * q : p;
        var parallel = m.SetsDown * across;
        long units = (long)mBlocks * cBlocks * nR * nS * nE * k;
        var fillCycles = (long)p * q * s;             // the filter spad takes one word per cycle
        var slots = (long)p * q * s * f;              // the lockstep MAC sequence of a pass
        var passCycles = fillCycles + slots;
        var length = ((f - 1) * o.ColumnStride) + ((s - 1) * o.ColumnDilation) + 1;
        var tileRows = ((e - 1) * g.U) + ((h - 1) * g.D) + 1;
        var usedSets = (int)Math.Min(units, parallel);
        pesUsed = Math.Max(pesUsed, usedSets * h * e);
        var passStart = opStart + computeCycles;
        var firstActivity = sets.Count;
        if (options.RecordSets)
        {
            for (var set = 0; set < usedSets; set++)
            {
                sets.Add(new SetActivity((set / across) * h, (set % across) * e, h, e, passStart, passStart, 0, pass));
            }
        }

        for (long unit = 0; unit < units; unit += parallel)
        {
            if (passStart + passCycles > options.CycleBudget)
            {
                throw new SimulationAbort(At(op).CycleBudgetExceeded(op.Name, passStart + passCycles, options.CycleBudget));
            }

            var last = Math.Min(units, unit + parallel);
            for (var u = unit; u < last; u++)
            {
                var set = (int)(u - unit);
                var rest = u;
                var tf = (int)(rest % nS);
                rest /= nS;
                var rf = (int)(rest % nR);
                rest /= nR;
                var cb = (int)(rest % cBlocks);
                rest /= cBlocks;
                var split = (int)(rest % k);
                rest /= k;
                var band = (int)(rest % nE);
                var mb = (int)(rest / nE);
                var top = (set / across) * h;
                var leftColumn = (set % across) * e;
                var firstOfChain = rf == 0 && tf == 0 && (separate || cb == 0);
                RunUnit(op, g, o, new UnitPlace(mb, cb, rf, tf, band, split, top, leftColumn, firstOfChain, passStart), h, e, p, q, s, f, length, tileRows);
                if (options.RecordSets)
                {
                    var activity = sets[firstActivity + set];
                    sets[firstActivity + set] = activity with { EndCycle = passStart + passCycles, Units = activity.Units + 1 };
                }
            }

            passStart += passCycles;
        }

        computeCycles = passStart - opStart;
    }

    private static int Ceil(int a, int b) => (a + b - 1) / b;

    private readonly record struct UnitPlace(int Mb, int Cb, int Rf, int Tf, int Band, int Split, int Top, int Left, bool FirstOfChain, long PassStart);
}
