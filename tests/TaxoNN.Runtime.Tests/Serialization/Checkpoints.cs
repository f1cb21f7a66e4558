using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Runtime.Tests.Serialization;

/// <summary>Checkpoints and weights with seeded contents for the tests.</summary>
internal static class Checkpoints
{
    /// <summary>Weights of <paramref name="network"/> drawn from <paramref name="seed"/>.</summary>
    public static WeightSet Weights(NetworkSymbol network, int seed = 1)
    {
        var random = new Random(seed);
        return new WeightSet(WeightLayout.Of(network).Select(spec =>
            new WeightTensor(spec.Name, spec.Shape, [.. Enumerable.Range(0, (int)spec.Elements).Select(_ => (float)(random.NextDouble() - 0.5))])));
    }

    /// <summary>A fixed-point checkpoint of <paramref name="training"/>: each tensor in its layer's update format.</summary>
    public static Checkpoint Fixed(TrainingSymbol training, int seed = 1)
    {
        var random = new Random(seed);
        var tensors = WeightLayout.Of(training.Network).Select(spec =>
        {
            var format = training.PrecisionOf(spec.Layer).Update.Format;
            var limit = 1 << (format.WordBits - 1);
            return new FixedTensor(spec.Name, spec.Shape, format, [.. Enumerable.Range(0, (int)spec.Elements).Select(i => i < 2 ? (i == 0 ? -limit : limit - 1) : random.Next(-limit, limit))]);
        });
        return new Checkpoint(
            NetworkFingerprint.Of(training.Network),
            PrecisionFingerprint.Of(training),
            Step: 12345,
            Epoch: 2,
            Seed: training.Seed,
            DataOrder: Permutation(100, seed),
            FloatWeights: null,
            FixedWeights: [.. tensors]);
    }

    /// <summary>A float32 checkpoint of <paramref name="network"/>.</summary>
    public static Checkpoint Float(NetworkSymbol network, int seed = 1) => new(
        NetworkFingerprint.Of(network),
        PrecisionFingerprint.Float32,
        Step: 7,
        Epoch: 0,
        Seed: -5,
        DataOrder: Permutation(10, seed),
        FloatWeights: Weights(network, seed),
        FixedWeights: []);

    private static ImmutableArray<int> Permutation(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return [.. order];
    }
}
