using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The (step, tensor) pairs that key each tensor's stochastic-rounding draws, shared by every executor of a training
/// step (the fast path and the cycle-accurate simulator) so that they round alike whatever order they work in.
/// </summary>
/// <remarks>
/// Per-sample tensors (the input, activations, errors) are keyed by the number of samples trained before this one;
/// a prediction that does not train uses −1 − that number, so evaluating never reuses a training draw. Per-update
/// tensors (gradients, parameters) are keyed by the number of updates done before this one. Each layer owns eight
/// tensor ids from <c>8 · layer index</c>: +0 its output, +1 its output error, +2/+3 its weight gradient and weights,
/// +6/+7 its bias gradient and bias; the input has its own id.
/// </remarks>
public static class RoundingStreams
{
    private const int InputTensor = 1 << 20;

    /// <summary>The key of the scaled input sample.</summary>
    public static ulong Input(CounterRandom random, long samples) => random.Key(samples, InputTensor);

    /// <summary>The key of the forward output of the layer at <paramref name="layer"/>.</summary>
    public static ulong Forward(CounterRandom random, long samples, int layer, bool predictOnly) =>
        random.Key(predictOnly ? -1 - samples : samples, layer * 8);

    /// <summary>The key of the error (dE/dY) of the layer at <paramref name="layer"/>.</summary>
    public static ulong Error(CounterRandom random, long samples, int layer) => random.Key(samples, (layer * 8) + 1);

    /// <summary>The key of the narrowed weight (or bias) gradient of the layer at <paramref name="layer"/>.</summary>
    public static ulong Gradient(CounterRandom random, long updates, int layer, bool bias) =>
        random.Key(updates, (layer * 8) + (bias ? 6 : 2));

    /// <summary>The key of the updated weights (or bias) of the layer at <paramref name="layer"/>.</summary>
    public static ulong Parameters(CounterRandom random, long updates, int layer, bool bias) =>
        random.Key(updates, (layer * 8) + (bias ? 7 : 3));
}
