using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Compiler.Lowering;

/// <summary>
/// Lowers a training set-up into the ops of one SGD step, following the paper's split: forward Y = f(W · X); the
/// output error from the loss; error back-propagation G_i = (W_{i+1}ᵀ · G_{i+1}) ⊙ f'_i (none into the input);
/// weight gradient G_i · X_iᵀ; update W ← W − α · dE/dW. At batch 1 with fusion on, a layer's error, weight gradient
/// and update share one pass over its weights (the paper's datapath); at batch B > 1 errors are per sample, gradients
/// are summed exactly over the batch and one unfused update applies α/B times the sum.
/// </summary>
public static class Lowerer
{
    /// <summary>
    /// Lowers <paramref name="training"/>; <paramref name="fuse"/> asks for fusion, which applies at batch 1 only;
    /// <paramref name="inference"/> keeps only the forward pass (an inference-only schedule).
    /// </summary>
    public static LoweredStep Lower(TrainingSymbol training, bool fuse, bool inference = false)
    {
        var network = training.Network;
        var batch = training.BatchSize;
        var fused = fuse && batch == 1 && !inference;
        var learningRate = ConstantFormat(training.LearningRate / batch);
        var tensors = new List<TensorInfo>();
        var ops = new List<Op>();

        // Tensor names: the input, then per layer its output, output error, weights and gradients.
        string OutputOf(int index) => index < 0 ? "input" : $"{network.Layers[index].Name}.out";
        string ErrorOf(int index) => $"{network.Layers[index].Name}.err";
        FixedFormat ForwardFormat(int index) => index < 0 ? training.Input.Format : training.Precision[index].Forward.Format;

        tensors.Add(new TensorInfo("input", TensorRole.Input, network.Input.Elements, training.Input.Format));
        tensors.Add(new TensorInfo("label", TensorRole.Label, 1, new FixedFormat(8, 0)));
        foreach (var layer in network.Layers)
        {
            var precision = training.PrecisionOf(layer);
            tensors.Add(new TensorInfo(OutputOf(layer.Index), TensorRole.Activation, layer.Output.Elements, precision.Forward.Format));
            tensors.Add(new TensorInfo(ErrorOf(layer.Index), TensorRole.Error, layer.Output.Elements, precision.Error.Format));
            if (layer.HasWeights)
            {
                tensors.Add(new TensorInfo($"{layer.Name}.W", TensorRole.Weights, layer.WeightCount + layer.BiasCount, precision.Update.Format));
                tensors.Add(new TensorInfo($"{layer.Name}.dW", TensorRole.WeightGradient, layer.WeightCount + layer.BiasCount, precision.WeightGradient.Format));
            }
        }

        void Add(OpKind kind, LayerSymbol? layer, string[] reads, string[] writes, long macs, int samples,
            ConvGeometry? geometry = null, int rows = 0, int columns = 0, long elements = 0, long fanIn = 0, int accumulator = 0, string note = "")
        {
            var location = layer?.Location ?? network.Location;
            ops.Add(new Op(ops.Count, kind, layer, location, [.. reads], [.. writes], macs, samples, geometry, rows, columns, elements, fanIn, accumulator, note));
        }

        // ---- forward ----
        foreach (var layer in network.Layers)
        {
            var i = layer.Index;
            var x = ForwardFormat(i - 1);
            var w = training.PrecisionOf(layer).Update.Format;
            var input = layer.Input;
            var output = layer.Output;
            switch (layer.Kind)
            {
                case LayerKind.Conv2d:
                {
                    var g = ForwardGeometry(layer);
                    var fanIn = (long)input.Channels * layer.Kernel.Height * layer.Kernel.Width;
                    Add(OpKind.Forward, layer, [OutputOf(i - 1), $"{layer.Name}.W"], [OutputOf(i)], g.Macs, batch, geometry: g,
                        fanIn: fanIn, accumulator: SumBits((Product(x, w), fanIn), (Term(w), layer.Bias ? 1 : 0)));
                    break;
                }

                case LayerKind.Dense:
                {
                    var fanIn = input.Elements;
                    Add(OpKind.Forward, layer, [OutputOf(i - 1), $"{layer.Name}.W"], [OutputOf(i)], (long)output.Channels * fanIn, batch,
                        rows: output.Channels, columns: (int)fanIn, fanIn: fanIn,
                        accumulator: SumBits((Product(x, w), fanIn), (Term(w), layer.Bias ? 1 : 0)));
                    break;
                }

                case LayerKind.MaxPool or LayerKind.AvgPool:
                {
                    var window = (long)layer.Kernel.Height * layer.Kernel.Width;
                    var reads = output.Elements * window;
                    var average = layer.Kind == LayerKind.AvgPool;
                    var reciprocal = ConstantFormat(1.0 / window);
                    Add(OpKind.PoolForward, layer, [OutputOf(i - 1)], [OutputOf(i)], average ? reads : 0, batch,
                        elements: reads, fanIn: window, accumulator: average ? SumBits((Product(x, reciprocal), window)) : 0,
                        note: average ? "average" : "max");
                    break;
                }

                case LayerKind.Flatten:
                    // A flatten only renames: its output is its input in channel, height, width order.
                    Add(OpKind.ActivationForward, layer, [OutputOf(i - 1)], [OutputOf(i)], 0, batch, note: "flatten (no data movement)");
                    break;
                default:
                    Add(OpKind.ActivationForward, layer, [OutputOf(i - 1)], [OutputOf(i)], 0, batch,
                        elements: output.Elements, note: ActivationName(layer.Kind));
                    break;
            }
        }

        if (inference)
        {
            return new LoweredStep(training, false, batch, learningRate, [.. tensors.Where(t => t.Role is TensorRole.Input or TensorRole.Activation or TensorRole.Weights)], [.. ops], true);
        }

        // ---- output error ----
        var last = network.Layers[^1];
        Add(OpKind.OutputError, null, [OutputOf(last.Index), "label"], [ErrorOf(last.Index)], 0, batch,
            elements: last.Output.Elements,
            note: network.Loss == LossKind.SoftmaxCrossEntropy ? "softmax - one-hot" : "2 (y - one-hot) / n");

        // ---- backward, last layer to first ----
        var firstWeighted = network.Layers.FirstOrDefault(l => l.HasWeights)?.Index ?? int.MaxValue;
        for (var i = network.Layers.Length - 1; i >= 0; i--)
        {
            var layer = network.Layers[i];
            var precision = training.PrecisionOf(layer);
            var needsError = i > firstWeighted; // some layer before this one has weights to train
            var g = precision.Error.Format;
            var x = ForwardFormat(i - 1);
            var w = precision.Update.Format;
            var errorWrites = needsError ? new[] { ErrorOf(i - 1) } : [];
            switch (layer.Kind)
            {
                case LayerKind.Conv2d or LayerKind.Dense:
                {
                    var conv = layer.Kind == LayerKind.Conv2d;
                    var output = layer.Output;
                    var positions = conv ? (long)output.Height * output.Width : 1;
                    var forwardMacs = conv ? ForwardGeometry(layer).Macs : (long)output.Channels * layer.Input.Elements;
                    var errorMacs = conv ? ErrorMacs(layer) : forwardMacs;
                    var errorFanIn = conv ? (long)output.Channels * layer.Kernel.Height * layer.Kernel.Width : output.Channels;
                    var errorBits = SumBits((Product(g, w), errorFanIn));
                    var gradientMacs = forwardMacs + (layer.Bias ? output.Channels * positions : 0);
                    var gradientFanIn = batch * positions;
                    var gradientBits = SumBits((Product(g, x), gradientFanIn), (Term(g), layer.Bias ? gradientFanIn : 0));
                    var weights = layer.WeightCount + layer.BiasCount;
                    var dw = precision.WeightGradient.Format;
                    var updateBits = SumBits((Term(w), 1), (Product(dw, learningRate), 1));
                    var errorGeometry = conv ? ErrorGeometry(layer) : null;
                    var gradientGeometry = conv ? GradientGeometry(layer) : null;
                    var inRows = conv ? 0 : (int)layer.Input.Elements;
                    var outRows = conv ? 0 : output.Channels;
                    if (fused && needsError)
                    {
                        Add(OpKind.FusedErrorUpdate, layer, [ErrorOf(i), $"{layer.Name}.W", OutputOf(i - 1)], [ErrorOf(i - 1), $"{layer.Name}.W"],
                            errorMacs + gradientMacs + weights, 1, geometry: errorGeometry, rows: inRows, columns: outRows, elements: weights,
                            fanIn: Math.Max(errorFanIn, gradientFanIn), accumulator: Math.Max(errorBits, Math.Max(gradientBits, updateBits)),
                            note: "error, weight gradient and update in one pass over the weights");
                        break;
                    }

                    if (needsError)
                    {
                        Add(OpKind.Error, layer, [ErrorOf(i), $"{layer.Name}.W"], errorWrites, errorMacs, batch,
                            geometry: errorGeometry, rows: inRows, columns: outRows, fanIn: errorFanIn, accumulator: errorBits,
                            note: conv ? "full convolution with the flipped kernel" : "Wᵀ · G");
                    }

                    Add(OpKind.WeightGradient, layer, [ErrorOf(i), OutputOf(i - 1)], [$"{layer.Name}.dW"], gradientMacs, batch,
                        geometry: gradientGeometry, rows: outRows, columns: inRows, fanIn: gradientFanIn, accumulator: gradientBits,
                        note: batch > 1 ? $"summed exactly over the batch of {batch}" : conv ? "correlation of the input with the error" : "G · Xᵀ");
                    Add(OpKind.Update, layer, [$"{layer.Name}.W", $"{layer.Name}.dW"], [$"{layer.Name}.W"], weights, 1,
                        elements: weights, fanIn: 1, accumulator: updateBits,
                        note: batch > 1 ? $"W - (α/{batch}) · ΣdW" : "W - α · dW");
                    break;
                }

                case LayerKind.MaxPool or LayerKind.AvgPool when needsError:
                {
                    var window = (long)layer.Kernel.Height * layer.Kernel.Width;
                    var average = layer.Kind == LayerKind.AvgPool;
                    var reads = layer.Output.Elements * window;
                    var reciprocal = ConstantFormat(1.0 / window);
                    Add(OpKind.PoolBackward, layer, average ? [ErrorOf(i)] : [ErrorOf(i), OutputOf(i - 1), OutputOf(i)], errorWrites,
                        average ? reads : 0, batch, elements: reads, fanIn: window,
                        accumulator: average ? SumBits((Product(g, reciprocal), window)) : 0,
                        note: average ? "spread evenly over the window" : "routed to the arg-max of the window");
                    break;
                }

                case LayerKind.Flatten when needsError:
                    Add(OpKind.ActivationBackward, layer, [ErrorOf(i)], errorWrites, 0, batch, note: "flatten (no data movement)");
                    break;
                case LayerKind.Relu or LayerKind.Sigmoid or LayerKind.Tanh or LayerKind.Identity when needsError:
                {
                    var elements = layer.Output.Elements;
                    var y = precision.Forward.Format;
                    Add(OpKind.ActivationBackward, layer, [ErrorOf(i), OutputOf(i)], errorWrites, elements, batch,
                        elements: elements, fanIn: 1, accumulator: SumBits((Product(g, y), 1)),
                        note: $"G ⊙ {ActivationName(layer.Kind)}'");
                    break;
                }
            }
        }

        return new LoweredStep(training, fused, batch, learningRate, [.. tensors], [.. ops], false);
    }

    /// <summary>The geometry of a convolution's forward op.</summary>
    public static ConvGeometry ForwardGeometry(LayerSymbol layer) => new(
        layer.Output.Channels,
        layer.Input.Channels,
        layer.Input.Height + (2 * layer.Padding.Height),
        layer.Input.Width + (2 * layer.Padding.Width),
        layer.Kernel.Height,
        layer.Kernel.Width,
        layer.Output.Height,
        layer.Output.Width,
        layer.Stride.Height,
        1);

    /// <summary>
    /// MACs of a convolution's error op: the forward MACs whose input lies inside the unpadded input (the errors of
    /// padding positions are not computed), M · C · Σ_r rows(r) · Σ_s columns(s), where rows(r) counts the output rows e
    /// with 0 ≤ e·U + r − P &lt; H.
    /// </summary>
    public static long ErrorMacs(LayerSymbol layer)
    {
        static long Inside(int outputs, int stride, int taps, int padding, int size)
        {
            long count = 0;
            for (var tap = 0; tap < taps; tap++)
            {
                for (var output = 0; output < outputs; output++)
                {
                    var position = (output * stride) + tap - padding;
                    count += position >= 0 && position < size ? 1 : 0;
                }
            }

            return count;
        }

        return (long)layer.Output.Channels * layer.Input.Channels
            * Inside(layer.Output.Height, layer.Stride.Height, layer.Kernel.Height, layer.Padding.Height, layer.Input.Height)
            * Inside(layer.Output.Width, layer.Stride.Width, layer.Kernel.Width, layer.Padding.Width, layer.Input.Width);
    }

    /// <summary>
    /// The error op as a stride-1 convolution: the output error, dilated by the stride and padded to
    /// (H + R − 1) x (W + S − 1), convolved with the flipped kernel, channels swapped, gives the input's error.
    /// </summary>
    public static ConvGeometry ErrorGeometry(LayerSymbol layer) => new(
        layer.Input.Channels,
        layer.Output.Channels,
        layer.Input.Height + layer.Kernel.Height - 1,
        layer.Input.Width + layer.Kernel.Width - 1,
        layer.Kernel.Height,
        layer.Kernel.Width,
        layer.Input.Height,
        layer.Input.Width,
        1,
        1);

    /// <summary>
    /// The weight-gradient op as a convolution whose filter is the output error (E x F, taps dilated by the stride),
    /// whose input is the padded layer input and whose output is the R x S gradient of each filter and channel (channels
    /// are kept apart, not summed).
    /// </summary>
    public static ConvGeometry GradientGeometry(LayerSymbol layer) => new(
        layer.Output.Channels,
        layer.Input.Channels,
        layer.Input.Height + (2 * layer.Padding.Height),
        layer.Input.Width + (2 * layer.Padding.Width),
        layer.Output.Height,
        layer.Output.Width,
        layer.Kernel.Height,
        layer.Kernel.Width,
        1,
        layer.Stride.Height,
        SeparateChannels: true);

    /// <summary>
    /// The 16-bit format a constant (the learning rate over the batch, a pooling reciprocal) is held in: the most
    /// fraction bits that keep it below 2^15 steps, so it keeps 15 significant bits.
    /// </summary>
    public static FixedFormat ConstantFormat(double value) =>
        new(16, 14 - (int)Math.Floor(Math.Log2(value)));

    private static string ActivationName(LayerKind kind) => kind switch
    {
        LayerKind.Relu => "relu",
        LayerKind.Sigmoid => "sigmoid",
        LayerKind.Tanh => "tanh",
        LayerKind.Flatten => "flatten",
        _ => "identity",
    };

    // A value of a format as a summand: (integer bits, fraction bits).
    private static (int Integer, int Fraction) Term(FixedFormat format) => (format.WordBits - format.FractionBits, format.FractionBits);

    private static (int Integer, int Fraction) Product(FixedFormat a, FixedFormat b) =>
        (a.WordBits + b.WordBits - (a.FractionBits + b.FractionBits), a.FractionBits + b.FractionBits);

    /// <summary>
    /// The width of a signed accumulator that holds any sum of the given terms exactly: the widest integer part,
    /// plus the finest fraction, plus one bit per doubling of the number of terms.
    /// </summary>
    private static int SumBits(params ((int Integer, int Fraction) Term, long Count)[] terms)
    {
        var used = terms.Where(t => t.Count > 0).ToArray();
        var count = used.Sum(t => t.Count);
        var integer = used.Max(t => t.Term.Integer);
        var fraction = used.Max(t => t.Term.Fraction);
        return integer + fraction + (int)Math.Ceiling(Math.Log2(count));
    }
}
