using System.Collections.Immutable;
using System.Diagnostics;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The training loop: SGD over the training split with the set-up's learning rate, batch size, epochs, seed and
/// shuffling, then the misclassification rate on the test split. The sample order of each epoch is a permutation
/// drawn from the counter-based generator keyed by the seed and the epoch, so a run is reproducible from its seed.
/// </summary>
public static class Trainer
{
    private const int OrderTensor = -1;

    /// <summary>A network for <paramref name="training"/> in <paramref name="precision"/>, with seeded initial weights.</summary>
    public static INetwork CreateNetwork(TrainingSymbol training, PrecisionMode precision)
    {
        if (precision == PrecisionMode.Float)
        {
            var network = new FloatNetwork(training);
            network.Initialise(training.Seed);
            return network;
        }

        var fixedNetwork = new FixedNetwork(training, training.Seed);
        fixedNetwork.Initialise(training.Seed);
        return fixedNetwork;
    }

    /// <summary>The order of the training samples in <paramref name="epoch"/>.</summary>
    public static int[] Order(long seed, int epoch, int count, bool shuffle)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        if (!shuffle)
        {
            return order;
        }

        var key = new CounterRandom(unchecked((ulong)seed)).Key(epoch, OrderTensor);
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(CounterRandom.Draw(key, i) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>Trains <paramref name="network"/> on <paramref name="train"/> and evaluates it on <paramref name="test"/>.</summary>
    public static TrainingResult Run(TrainingSymbol training, INetwork network, LabeledImages train, LabeledImages test, TrainingOptions options)
    {
        var scaler = InputScaler.For(training.Data);
        var sample = new float[train.ImageSize];
        var epochs = options.Epochs ?? training.Epochs;
        var shuffle = options.Shuffle ?? training.Shuffle;
        var total = Math.Min((long)epochs * train.Count, options.Limit ?? long.MaxValue);
        var losses = ImmutableArray.CreateBuilder<(long, double)>();
        var errors = ImmutableArray.CreateBuilder<(int, double)>();
        var clock = new Stopwatch();
        long done = 0;
        double runningLoss = 0;
        var reportEvery = Math.Max(1, Math.Min(1000, total / 100));
        for (var epoch = 0; epoch < epochs && done < total; epoch++)
        {
            var order = Order(training.Seed, epoch, train.Count, shuffle);
            var inBatch = 0;
            clock.Start();
            foreach (var index in order)
            {
                if (done >= total)
                {
                    break;
                }

                scaler.Scale(train, index, sample);
                runningLoss += network.Accumulate(sample, train.Labels[index]);
                done++;
                if (++inBatch == training.BatchSize)
                {
                    network.Update();
                    inBatch = 0;
                }

                if (done % reportEvery == 0)
                {
                    losses.Add((done, runningLoss / reportEvery));
                    options.Progress?.Report(new TrainingProgress(done, total, runningLoss / reportEvery, done / clock.Elapsed.TotalSeconds));
                    runningLoss = 0;
                }
            }

            network.Update(); // a last, partial batch
            clock.Stop();
            errors.Add((epoch + 1, Evaluate(training, network, test)));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new TrainingResult(
            options.Precision,
            errors.Count > 0 ? errors[^1].Item2 : Evaluate(training, network, test),
            seconds > 0 ? done / seconds : 0,
            done,
            losses.ToImmutable(),
            errors.ToImmutable());
    }

    /// <summary>The fraction of <paramref name="test"/> that <paramref name="network"/> classifies wrongly.</summary>
    public static double Evaluate(TrainingSymbol training, INetwork network, LabeledImages test)
    {
        var scaler = InputScaler.For(training.Data);
        var sample = new float[test.ImageSize];
        var wrong = 0;
        for (var i = 0; i < test.Count; i++)
        {
            scaler.Scale(test, i, sample);
            wrong += network.Predict(sample) == test.Labels[i] ? 0 : 1;
        }

        return test.Count == 0 ? 0 : (double)wrong / test.Count;
    }
}
