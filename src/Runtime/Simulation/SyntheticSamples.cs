using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// Seeded synthetic inputs of the right shape, for simulating without the data set: each value uniform in [0, 1), each
/// label uniform over the classes, drawn from the counter-based generator keyed by the seed and the sample's number.
/// </summary>
public static class SyntheticSamples
{
    private const int ValueTensor = -2;
    private const int LabelTensor = -3;

    /// <summary>Fills <paramref name="values"/> (samples x size) and <paramref name="labels"/> for the samples from <paramref name="first"/> on.</summary>
    public static void Fill(long seed, long first, Span<float> values, Span<int> labels, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var random = new CounterRandom(unchecked((ulong)seed));
        var size = labels.Length == 0 ? 0 : values.Length / labels.Length;
        for (var b = 0; b < labels.Length; b++)
        {
            var key = random.Key(first + b, ValueTensor);
            for (var i = 0; i < size; i++)
            {
                values[(b * size) + i] = (float)((CounterRandom.Draw(key, i) >> 40) * (1.0 / (1UL << 24)));
            }

            labels[b] = (int)(CounterRandom.Draw(random.Key(first + b, LabelTensor), 0) % (ulong)classes);
        }
    }
}
