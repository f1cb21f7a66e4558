using System.Runtime.CompilerServices;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The bit-exact fixed-point path: the same ops as <see cref="FloatNetwork"/> on raw integers, each tensor in the format
/// and rounding mode of the pass that writes it. Sums are exact in 64 bits (the compiler rejects accumulators too
/// narrow for an op's worst case) and are rounded and saturated once, when narrowed to their format; stochastic
/// rounding draws from a counter-based generator keyed by (seed, step, tensor, element), so the bits do not depend on
/// the order of the work.
/// </summary>
public sealed partial class FixedNetwork : INetwork
{
    private readonly FixedLayer[] layers;
    private readonly int[] input;
    private readonly CounterRandom random;
    private readonly bool[] needsError;
    private readonly bool vector;
    private readonly bool[] fusedUpdate;
    private readonly bool anyFusedUpdate;

    // At batch 1 a dense layer's update reads G and X straight from the buffers; a forward pass before the update
    // (a prediction, or a second sample) would overwrite X, so it first adds G·Xᵀ to the gradient sums instead.
    private bool productsPending;
    private bool productsMaterialised;

    // Scratch space reused by every sample, so that the training loop allocates nothing.
    private readonly long[] sums;
    private readonly double[] scores;

    // The input word of each pixel value of each channel under pixelScaler (AccumulateImage).
    private InputScaler? pixelScaler;
    private int[] pixelWords = [];
    private long sampleStep;
    private long updateStep;
    private int samplesInBatch;

    /// <summary>Creates the network of <paramref name="training"/>; <see cref="Initialise"/> fills the weights.</summary>
    /// <param name="training">The set-up.</param>
    /// <param name="seed">The seed of the stochastic rounding.</param>
    /// <param name="kernels">The vectorised kernels (the default) or the scalar reference; both give the same bits.</param>
    public FixedNetwork(TrainingSymbol training, long seed, FixedKernels kernels = FixedKernels.Vector)
    {
        Training = training;
        vector = kernels == FixedKernels.Vector && VectorCapable(training);
        layers = [.. training.Network.Layers.Select(l => new FixedLayer(l, training.PrecisionOf(l), vector))];
        input = new int[training.Network.Input.Elements];
        random = new CounterRandom(unchecked((ulong)seed));
        needsError = [.. layers.Select((l, i) => layers.Take(i).Any(p => p.Layer.HasWeights))];
        sums = new long[Math.Max(input.Length, layers.Max(l => l.Output.Length))];
        scores = new double[layers[^1].Output.Length];
        fusedUpdate = new bool[layers.Length];
        if (vector && training.BatchSize == 1)
        {
            var (rateRaw, rateFraction) = FixedArithmetic.Constant(training.LearningRate);
            for (var i = 0; i < layers.Length; i++)
            {
                var l = layers[i];
                var sumFraction = l.Precision.Error.Format.FractionBits + InputFormatOf(i).FractionBits;
                fusedUpdate[i] = l.Layer.Kind == LayerKind.Dense && VectorUpdateShifts(l, sumFraction, rateRaw, rateFraction) is not null;
            }
        }

        anyFusedUpdate = fusedUpdate.Contains(true);
    }

    /// <summary>Whether this network runs the vectorised kernels (every format of at most 16 bits).</summary>
    public bool IsVectorised => vector;

    /// <summary>The set-up the network belongs to.</summary>
    public TrainingSymbol Training { get; }

    /// <summary>SGD updates done so far.</summary>
    public long Updates => updateStep;

    /// <summary>Samples trained on so far.</summary>
    public long Samples => sampleStep;

    /// <summary>
    /// Sets the sample and update counters that key stochastic rounding, as a checkpoint taken at a batch boundary
    /// recorded them, so that a resumed run draws the same random bits as an uninterrupted one.
    /// </summary>
    public void RestoreCounters(long samples, long updates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentOutOfRangeException.ThrowIfNegative(updates);
        sampleStep = samples;
        updateStep = updates;
        samplesInBatch = 0;
    }

    /// <summary>The values of the output of the layer at <paramref name="index"/> from the last forward pass.</summary>
    public double[] OutputValues(int index) =>
        [.. layers[index].Output.Select(raw => FixedPoint.ToDouble(raw, layers[index].Precision.Forward.Format))];

    /// <summary>The raw weights of the layer at <paramref name="index"/>, in its update format.</summary>
    public Span<int> Weights(int index)
    {
        layers[index].WeightMagnitude = -1; // the caller may write them
        return layers[index].Weights;
    }

    /// <summary>The raw biases of the layer at <paramref name="index"/>.</summary>
    public Span<int> Bias(int index) => layers[index].Bias;

    /// <summary>Rounds the seeded float initialisation into each layer's update format (to nearest).</summary>
    public void Initialise(long seed)
    {
        foreach (var l in layers.Where(l => l.Layer.HasWeights))
        {
            var format = l.Precision.Update.Format;
            l.WeightMagnitude = -1;
            for (var i = 0; i < l.Weights.Length; i++)
            {
                l.Weights[i] = FixedPoint.FromDouble(WeightInitialiser.Draw(seed, l.Layer, false, i), format, RoundingMode.NearestEven, 0);
            }

            for (var i = 0; i < l.Bias.Length; i++)
            {
                l.Bias[i] = FixedPoint.FromDouble(WeightInitialiser.Draw(seed, l.Layer, true, i), format, RoundingMode.NearestEven, 0);
            }
        }
    }

    /// <summary>Sets the weights of a layer from floats (weights files), rounded to nearest into its update format.</summary>
    public void SetWeights(int index, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        var l = layers[index];
        l.WeightMagnitude = -1;
        var format = l.Precision.Update.Format;
        for (var i = 0; i < l.Weights.Length; i++)
        {
            l.Weights[i] = FixedPoint.FromDouble(weights[i], format, RoundingMode.NearestEven, 0);
        }

        for (var i = 0; i < l.Bias.Length; i++)
        {
            l.Bias[i] = FixedPoint.FromDouble(bias[i], format, RoundingMode.NearestEven, 0);
        }
    }

    /// <summary>Runs the forward pass on one scaled sample and returns the predicted class.</summary>
    public int Predict(ReadOnlySpan<float> sample)
    {
        Forward(sample, predictOnly: true);
        var scores = layers[^1].Output;
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Forward and backward on one sample; gradients add exactly to the batch's. Returns the sample's loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Accumulate(ReadOnlySpan<float> sample, int label)
    {
        ConvertInput(sample);
        return AccumulateInput(label);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Where the input rounds to nearest, each pixel value's input word is computed once per scaler (a byte has 256
    /// values, and FixedPoint.FromDouble of the scaled float is what the vector and scalar conversions give), and the
    /// pixels are looked up straight into the inputs; the scratch is left untouched.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double AccumulateImage(ReadOnlySpan<byte> image, InputScaler scaler, Span<float> scratch, int label)
    {
        ArgumentNullException.ThrowIfNull(scaler);
        var precision = Training.Input;
        if (!vector || precision.Rounding != RoundingMode.NearestEven || image.Length != input.Length || image.Length % scaler.Channels != 0)
        {
            scaler.Scale(image, scratch);
            return Accumulate(scratch, label);
        }

        if (!ReferenceEquals(scaler, pixelScaler))
        {
            pixelWords = new int[scaler.Channels * 256];
            for (var c = 0; c < scaler.Channels; c++)
            {
                for (var value = 0; value < 256; value++)
                {
                    pixelWords[(c * 256) + value] = FixedPoint.FromDouble(scaler.Scale(c, (byte)value), precision.Format, RoundingMode.NearestEven, 0);
                }
            }

            pixelScaler = scaler;
        }

        var plane = image.Length / scaler.Channels;
        for (var c = 0; c < scaler.Channels; c++)
        {
            var words = pixelWords.AsSpan(c * 256, 256);
            var source = image.Slice(c * plane, plane);
            var target = input.AsSpan(c * plane, plane);
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = words[source[i]];
            }
        }

        return AccumulateInput(label);
    }

    // Forward and backward from the converted input.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double AccumulateInput(int label)
    {
        ForwardLayers(predictOnly: false);
        var loss = OutputError(label);
        for (var i = layers.Length - 1; i >= 0; i--)
        {
            Backward(i);
        }

        sampleStep++;
        samplesInBatch++;
        productsPending = anyFusedUpdate;
        return loss;
    }

    /// <summary>
    /// One SGD update per batch: ΣdW narrowed to the weight-gradient format, then W − (α / B) · dW computed exactly and
    /// narrowed to the update format (α / B held in 16 bits, as the compiler's accumulator check assumes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update()
    {
        if (samplesInBatch == 0)
        {
            return;
        }

        if (productsMaterialised)
        {
            MaterialiseProducts();
        }

        var (rateRaw, rateFraction) = FixedArithmetic.Constant(Training.LearningRate / samplesInBatch);
        for (var index = 0; index < layers.Length; index++)
        {
            var l = layers[index];
            if (!l.Layer.HasWeights)
            {
                continue;
            }

            var shifts = vector ? VectorUpdateShifts(l, l.GradientFraction, rateRaw, rateFraction) : null;
            if (fusedUpdate[index] && !productsMaterialised)
            {
                UpdateDenseFromProducts(l, InputOf(index), shifts!.Value, rateRaw);
            }
            else if (shifts is { } vectorShifts)
            {
                // Every weight was just written: their largest magnitude, for the next pass's blocks, costs no scan.
                l.WeightMagnitude = UpdateFromSums(l, l.Weights, l.WeightSums, l.GradientFraction, vectorShifts, rateRaw, bias: false);
            }
            else
            {
                UpdateParameters(l, l.Weights, l.WeightSums, l.GradientFraction, rateRaw, rateFraction, bias: false);
                l.WeightMagnitude = -1;
            }

            var biasFraction = l.Precision.Error.Format.FractionBits;
            if (vector && VectorUpdateShifts(l, biasFraction, rateRaw, rateFraction) is { } biasShifts)
            {
                UpdateFromSums(l, l.Bias, l.BiasSums, biasFraction, biasShifts, rateRaw, bias: true);
            }
            else
            {
                UpdateParameters(l, l.Bias, l.BiasSums, biasFraction, rateRaw, rateFraction, bias: true);
            }

        }

        updateStep++;
        productsPending = productsMaterialised = false;
        samplesInBatch = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateParameters(FixedLayer l, int[] parameters, long[] sums, int sumFraction, long rateRaw, int rateFraction, bool bias)
    {
        var gradient = l.Precision.WeightGradient;
        var update = l.Precision.Update;
        var gradientKey = RoundingStreams.Gradient(random, updateStep, l.Layer.Index, bias);
        var updateKey = RoundingStreams.Parameters(random, updateStep, l.Layer.Index, bias);
        var weightFraction = update.Format.FractionBits;
        var stepFraction = rateFraction + gradient.Format.FractionBits;
        var fraction = Math.Max(weightFraction, stepFraction);
        for (var i = 0; i < parameters.Length; i++)
        {
            var dw = Narrow(sums[i], sumFraction, gradient, gradientKey, i);
            var value = ((long)parameters[i] << (fraction - weightFraction)) - ((rateRaw * dw) << (fraction - stepFraction));
            parameters[i] = Narrow(value, fraction, update, updateKey, i);
        }

        sums.AsSpan().Clear();
    }

    private static int Narrow(long value, int fraction, PassPrecision precision, ulong key, long element) =>
        FixedArithmetic.Narrow(value, fraction, precision, key, element);

    private FixedFormat InputFormatOf(int index) => index == 0 ? Training.Input.Format : layers[index - 1].Precision.Forward.Format;

    private int[] InputOf(int index) => index == 0 ? input : layers[index - 1].Output;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(ReadOnlySpan<float> sample, bool predictOnly)
    {
        ConvertInput(sample);
        ForwardLayers(predictOnly);
    }

    // The sample into the input words.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ConvertInput(ReadOnlySpan<float> sample)
    {
        var inputPrecision = Training.Input;
        var inputKey = RoundingStreams.Input(random, sampleStep);
        var converted = vector && inputPrecision.Rounding == RoundingMode.NearestEven ? LaneNarrowing.FromFloatsNearest(sample, inputPrecision.Format, input) : 0;
        for (var i = converted; i < sample.Length; i++)
        {
            input[i] = FixedPoint.FromDouble(sample[i], inputPrecision.Format, inputPrecision.Rounding,
                inputPrecision.Rounding == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(inputKey, i) : 0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardLayers(bool predictOnly)
    {
        MaterialiseProducts();
        for (var i = 0; i < layers.Length; i++)
        {
            var l = layers[i];
            var x = InputOf(i);
            var xf = InputFormatOf(i);
            var key = RoundingStreams.Forward(random, sampleStep, l.Layer.Index, predictOnly);
            var forward = l.Precision.Forward;
            switch (l.Layer.Kind)
            {
                case LayerKind.Conv2d when vector:
                    ConvForwardVector(l, x, xf, key);
                    break;
                case LayerKind.Conv2d:
                    ConvForward(l, x, xf, key);
                    break;
                case LayerKind.Dense when vector:
                    DenseForwardVector(l, x, xf, key);
                    break;
                case LayerKind.Dense:
                {
                    var (fraction, productShift, biasShift) = Alignment(l, xf);
                    for (var m = 0; m < l.Output.Length; m++)
                    {
                        long sum = 0;
                        var row = m * x.Length;
                        for (var n = 0; n < x.Length; n++)
                        {
                            sum += (long)l.Weights[row + n] * x[n];
                        }

                        var value = (sum << productShift) + (l.Bias.Length > 0 ? (long)l.Bias[m] << biasShift : 0);
                        l.Output[m] = Narrow(value, fraction, forward, key, m);
                    }

                    break;
                }

                case LayerKind.MaxPool or LayerKind.AvgPool:
                    PoolForward(l, x, xf, key, sums, vector);
                    break;
                case LayerKind.Relu when vector:
                    LaneNarrowing.NarrowGated(x, x, xf.FractionBits, forward, key, l.Output, xf.WordBits);
                    break;
                case LayerKind.Relu:
                    for (var n = 0; n < x.Length; n++)
                    {
                        l.Output[n] = Narrow(Math.Max(0, x[n]), xf.FractionBits, forward, key, n);
                    }

                    break;
                case LayerKind.Sigmoid or LayerKind.Tanh:
                    for (var n = 0; n < x.Length; n++)
                    {
                        var v = FixedPoint.ToDouble(x[n], xf);
                        var y = l.Layer.Kind == LayerKind.Sigmoid ? 1 / (1 + Math.Exp(-v)) : Math.Tanh(v);
                        l.Output[n] = FixedPoint.FromDouble(y, forward.Format, forward.Rounding,
                            forward.Rounding == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(key, n) : 0);
                    }

                    break;
                default:
                    if (vector)
                    {
                        LaneNarrowing.NarrowGated(x, [], xf.FractionBits, forward, key, l.Output, xf.WordBits);
                        break;
                    }

                    for (var n = 0; n < x.Length; n++)
                    {
                        l.Output[n] = Narrow(x[n], xf.FractionBits, forward, key, n);
                    }

                    break;
            }
        }
    }

    // The fraction bits of a weighted layer's sums and the shifts that align products and bias to them.
    private static (int Fraction, int ProductShift, int BiasShift) Alignment(FixedLayer l, FixedFormat input)
    {
        var weight = l.Precision.Update.Format.FractionBits;
        var product = weight + input.FractionBits;
        var fraction = Math.Max(product, weight);
        return (fraction, fraction - product, fraction - weight);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double OutputError(int label)
    {
        var last = layers[^1];
        var format = last.Precision.Forward.Format;
        var error = last.Precision.Error;
        var key = RoundingStreams.Error(random, sampleStep, last.Layer.Index);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = FixedPoint.ToDouble(last.Output[i], format);
        }

        var loss = LossError.Form(scores, label, Training.Network.Loss);
        for (var i = 0; i < scores.Length; i++)
        {
            last.Error[i] = FixedPoint.FromDouble(scores[i], error.Format, error.Rounding,
                error.Rounding == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(key, i) : 0);
        }

        return loss;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(int index)
    {
        var l = layers[index];
        var g = l.Error;
        var gf = l.Precision.Error.Format;
        var x = InputOf(index);
        var xf = InputFormatOf(index);
        var propagate = needsError[index];
        var target = propagate ? layers[index - 1] : null;
        var key = RoundingStreams.Error(random, sampleStep, index - 1);

        // An output held at an end of its range passes no error that asks it to go further out: saturation's
        // derivative there is zero. Passing it straight through lets a saturated score keep asking for more, and the
        // weights grow until everything saturates (docs/reproduction.md, "Saturation"); an error that pulls the
        // output back inside still passes.
        var format = l.Precision.Forward.Format;
        if (vector)
        {
            LaneNarrowing.ZeroWhereSaturated(g, l.Output, format);
        }
        else
        {
            FixedArithmetic.StopOutwardErrors(g, l.Output, format);
        }

        switch (l.Layer.Kind)
        {
            case LayerKind.Conv2d when vector:
                ConvBackwardVector(l, xf, target, key);
                break;
            case LayerKind.Conv2d:
                ConvBackward(l, x, xf, target, key, sums);
                break;
            case LayerKind.Dense when vector:
                DenseBackwardVector(l, x, xf, target, key, fusedUpdate[index]);
                break;
            case LayerKind.Dense:
                l.GradientFraction = gf.FractionBits + xf.FractionBits;
                for (var m = 0; m < g.Length; m++)
                {
                    if (g[m] == 0)
                    {
                        continue;
                    }

                    var row = m * x.Length;
                    for (var n = 0; n < x.Length; n++)
                    {
                        l.WeightSums[row + n] += (long)g[m] * x[n];
                    }

                    if (l.BiasSums.Length > 0)
                    {
                        l.BiasSums[m] += g[m];
                    }
                }

                if (target is not null)
                {
                    var fraction = l.Precision.Update.Format.FractionBits + gf.FractionBits;
                    for (var n = 0; n < x.Length; n++)
                    {
                        long sum = 0;
                        for (var m = 0; m < g.Length; m++)
                        {
                            sum += (long)l.Weights[(m * x.Length) + n] * g[m];
                        }

                        target.Error[n] = Narrow(sum, fraction, target.Precision.Error, key, n);
                    }
                }

                break;
            case LayerKind.MaxPool or LayerKind.AvgPool when target is not null:
                PoolBackward(l, gf, target, key, sums, vector);
                break;
            case LayerKind.Relu when target is not null && vector:
                LaneNarrowing.NarrowGated(g, l.Output, gf.FractionBits, target.Precision.Error, key, target.Error, gf.WordBits);
                break;
            case LayerKind.Relu when target is not null:
                for (var n = 0; n < g.Length; n++)
                {
                    target.Error[n] = Narrow(l.Output[n] > 0 ? g[n] : 0, gf.FractionBits, target.Precision.Error, key, n);
                }

                break;
            case LayerKind.Sigmoid or LayerKind.Tanh when target is not null:
            {
                var yf = l.Precision.Forward.Format.FractionBits;
                var one = 1L << yf;
                for (var n = 0; n < g.Length; n++)
                {
                    long y = l.Output[n];
                    var derivative = l.Layer.Kind == LayerKind.Sigmoid ? y * (one - y) : (one * one) - (y * y);
                    target.Error[n] = FixedArithmetic.NarrowWide((Int128)g[n] * derivative, gf.FractionBits + (2 * yf), target.Precision.Error, key, n);
                }

                break;
            }

            case LayerKind.Flatten or LayerKind.Identity when target is not null && vector:
                LaneNarrowing.NarrowGated(g, [], gf.FractionBits, target.Precision.Error, key, target.Error, gf.WordBits);
                break;
            case LayerKind.Flatten or LayerKind.Identity when target is not null:
                for (var n = 0; n < g.Length; n++)
                {
                    target.Error[n] = Narrow(g[n], gf.FractionBits, target.Precision.Error, key, n);
                }

                break;
        }
    }

    private static void ConvForward(FixedLayer l, int[] x, FixedFormat xf, ulong key)
    {
        var s = l.Layer;
        int c = s.Input.Channels, h = s.Input.Height, w = s.Input.Width, e = s.Output.Height, f = s.Output.Width;
        int kh = s.Kernel.Height, kw = s.Kernel.Width, sh = s.Stride.Height, sw = s.Stride.Width, ph = s.Padding.Height, pw = s.Padding.Width;
        var (fraction, productShift, biasShift) = Alignment(l, xf);
        for (var o = 0; o < s.Output.Channels; o++)
        {
            var bias = l.Bias.Length > 0 ? (long)l.Bias[o] << biasShift : 0;
            for (var oy = 0; oy < e; oy++)
            {
                for (var ox = 0; ox < f; ox++)
                {
                    long sum = 0;
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
                            for (var t = 0; t < kw; t++)
                            {
                                var ix = (ox * sw) + t - pw;
                                if ((uint)ix < (uint)w)
                                {
                                    sum += (long)l.Weights[weights + t] * x[row + ix];
                                }
                            }
                        }
                    }

                    var output = (((o * e) + oy) * f) + ox;
                    l.Output[output] = Narrow((sum << productShift) + bias, fraction, l.Precision.Forward, key, output);
                }
            }
        }
    }

    private static void ConvBackward(FixedLayer l, int[] x, FixedFormat xf, FixedLayer? target, ulong key, long[] scratch)
    {
        var s = l.Layer;
        int c = s.Input.Channels, h = s.Input.Height, w = s.Input.Width, e = s.Output.Height, f = s.Output.Width;
        int kh = s.Kernel.Height, kw = s.Kernel.Width, sh = s.Stride.Height, sw = s.Stride.Width, ph = s.Padding.Height, pw = s.Padding.Width;
        var gf = l.Precision.Error.Format;
        l.GradientFraction = gf.FractionBits + xf.FractionBits;
        var dx = target is null ? Span<long>.Empty : scratch.AsSpan(0, x.Length);
        dx.Clear();
        for (var o = 0; o < s.Output.Channels; o++)
        {
            for (var oy = 0; oy < e; oy++)
            {
                for (var ox = 0; ox < f; ox++)
                {
                    long g = l.Error[(((o * e) + oy) * f) + ox];
                    if (g == 0)
                    {
                        continue;
                    }

                    if (l.BiasSums.Length > 0)
                    {
                        l.BiasSums[o] += g;
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
                            for (var t = 0; t < kw; t++)
                            {
                                var ix = (ox * sw) + t - pw;
                                if ((uint)ix < (uint)w)
                                {
                                    l.WeightSums[weights + t] += g * x[row + ix];
                                    if (dx.Length > 0)
                                    {
                                        dx[row + ix] += g * l.Weights[weights + t];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        if (target is not null)
        {
            var fraction = gf.FractionBits + l.Precision.Update.Format.FractionBits;
            for (var n = 0; n < dx.Length; n++)
            {
                target.Error[n] = Narrow(dx[n], fraction, target.Precision.Error, key, n);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PoolForward(FixedLayer l, int[] x, FixedFormat xf, ulong key, long[] scratch, bool vector)
    {
        var s = l.Layer;
        int c = s.Input.Channels, h = s.Input.Height, w = s.Input.Width, e = s.Output.Height, f = s.Output.Width;
        int kh = s.Kernel.Height, kw = s.Kernel.Width, sh = s.Stride.Height, sw = s.Stride.Width, ph = s.Padding.Height, pw = s.Padding.Width;
        var average = s.Kind == LayerKind.AvgPool;
        var (reciprocalRaw, reciprocalFraction) = FixedArithmetic.Constant(1.0 / (kh * kw));
        var values = scratch.AsSpan(0, l.Output.Length);
        var argMax = l.ArgMax;
        if (IsMaxPool2x2(s) && h % 2 == 0 && w % 2 == 0)
        {
            // The largest values straight into the output; when the output's format holds the input's exactly (same
            // fraction, no fewer bits) narrowing changes nothing and the vector path skips it.
            MaxPool2x2.Forward(x, c, h, w, l.Output, argMax, vector);
            if (vector && FixedPoint.Holds(l.Precision.Forward.Format, xf.FractionBits, xf.WordBits))
            {
                return;
            }

            for (var n = 0; n < values.Length; n++)
            {
                values[n] = l.Output[n];
            }

            NarrowAll(values, xf.FractionBits, l.Precision.Forward, key, l.Output, vector);
            return;
        }

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
                            var ix = (ox * sw) + t - pw;
                            if ((uint)iy >= (uint)h || (uint)ix >= (uint)w)
                            {
                                continue;
                            }

                            // Masks rather than branches: which input wins is data, and a mispredicted branch per
                            // input costs more than the rest of the window.
                            var index = (((ch * h) + iy) * w) + ix;
                            long value = x[index];
                            sum += value;
                            var greater = -(long)Unsafe.BitCast<bool, byte>(value > best);
                            best ^= (best ^ value) & greater;
                            where ^= (where ^ index) & (int)greater;
                        }
                    }

                    var output = (((ch * e) + oy) * f) + ox;
                    if (average)
                    {
                        values[output] = sum * reciprocalRaw;
                    }
                    else
                    {
                        argMax[output] = where;
                        values[output] = where < 0 ? 0 : best; // a window wholly in the padding gives 0
                    }
                }
            }
        }

        NarrowAll(values, average ? xf.FractionBits + reciprocalFraction : xf.FractionBits, l.Precision.Forward, key, l.Output, vector);
    }

    private static bool IsMaxPool2x2(LayerSymbol s) =>
        s.Kind == LayerKind.MaxPool && s.Kernel.Height == 2 && s.Kernel.Width == 2 && s.Stride.Height == 2 && s.Stride.Width == 2 &&
        s.Padding.Height == 0 && s.Padding.Width == 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NarrowAll(ReadOnlySpan<long> values, int fraction, PassPrecision precision, ulong key, Span<int> output, bool vector)
    {
        if (vector)
        {
            LaneNarrowing.Narrow(values, fraction, precision, key, 0, output);
            return;
        }

        for (var n = 0; n < values.Length; n++)
        {
            output[n] = Narrow(values[n], fraction, precision, key, n);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PoolBackward(FixedLayer l, FixedFormat gf, FixedLayer target, ulong key, long[] scratch, bool vector)
    {
        var s = l.Layer;
        if (vector && IsMaxPool2x2(s) && FixedPoint.Holds(target.Precision.Error.Format, gf.FractionBits, gf.WordBits))
        {
            // Disjoint windows: each input takes at most one error, whose format the target's holds exactly.
            MaxPool2x2.Backward(l.Error, l.ArgMax, s.Input.Channels, s.Input.Height, s.Input.Width, target.Error, vector);
            return;
        }

        var dx = scratch.AsSpan(0, target.Error.Length);
        dx.Clear();
        var fraction = gf.FractionBits;
        if (s.Kind == LayerKind.MaxPool)
        {
            for (var i = 0; i < l.Error.Length; i++)
            {
                if (l.ArgMax[i] >= 0)
                {
                    dx[l.ArgMax[i]] += l.Error[i];
                }
            }
        }
        else
        {
            int c = s.Input.Channels, h = s.Input.Height, w = s.Input.Width, e = s.Output.Height, f = s.Output.Width;
            int kh = s.Kernel.Height, kw = s.Kernel.Width, sh = s.Stride.Height, sw = s.Stride.Width, ph = s.Padding.Height, pw = s.Padding.Width;
            var (reciprocalRaw, reciprocalFraction) = FixedArithmetic.Constant(1.0 / (kh * kw));
            fraction += reciprocalFraction;
            for (var ch = 0; ch < c; ch++)
            {
                for (var oy = 0; oy < e; oy++)
                {
                    for (var ox = 0; ox < f; ox++)
                    {
                        var g = l.Error[(((ch * e) + oy) * f) + ox] * reciprocalRaw;
                        for (var r = 0; r < kh; r++)
                        {
                            var iy = (oy * sh) + r - ph;
                            for (var t = 0; t < kw; t++)
                            {
                                var ix = (ox * sw) + t - pw;
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

        NarrowAll(dx, fraction, target.Precision.Error, key, target.Error, vector);
    }
}
