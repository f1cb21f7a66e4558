using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Trains <paramref name="network"/> on <paramref name="train"/> and evaluates it on <paramref name="test"/>. With
    /// <see cref="TrainingOptions.Start"/> it goes on from that position, in that epoch's stored order; checkpoints are
    /// taken only at batch boundaries, where no gradient sums are pending, so a position and the weights are the whole
    /// state (a fixed-point network's counters follow from the position: <see cref="TrainingPosition.Updates"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TrainingResult Run(TrainingSymbol training, INetwork network, LabeledImages train, LabeledImages test, TrainingOptions options)
    {
        var scaler = InputScaler.For(training.Data);
        if (train.Channels != scaler.Channels)
        {
            throw new ArgumentException($"The images have {train.Channels} channels, the set-up's scaling {scaler.Channels}.", nameof(train));
        }

        var sample = new float[train.ImageSize];
        var epochs = options.Epochs ?? training.Epochs;
        var shuffle = options.Shuffle ?? training.Shuffle;
        var total = Math.Min((long)epochs * train.Count, options.Limit ?? long.MaxValue);
        var losses = ImmutableArray.CreateBuilder<(long, double)>();
        var errors = ImmutableArray.CreateBuilder<(int, double)>();
        var clock = new Stopwatch();
        var start = options.Start;
        if (start is not null && (start.Order.Length != train.Count || start.Offset < 0 || start.Offset > train.Count))
        {
            throw new ArgumentException("The start position does not fit the training split.", nameof(options));
        }

        var first = start?.Samples ?? 0;
        var done = first;
        var every = options.CheckpointEvery is > 0 and var n ? n : long.MaxValue;
        var nextCheckpoint = every == long.MaxValue ? long.MaxValue : ((done / every) + 1) * every;
        var stopped = false;
        double runningLoss = 0;
        var reportEvery = Math.Max(1, Math.Min(1000, total / 100));
        for (var epoch = start?.Epoch ?? 0; epoch < epochs && done < total && !stopped; epoch++)
        {
            var resumed = start is not null && epoch == start.Epoch;
            var order = resumed ? [.. start!.Order] : Order(training.Seed, epoch, train.Count, shuffle);
            var inBatch = 0;
            clock.Start();
            for (var k = resumed ? (int)start!.Offset : 0; k < order.Length && done < total; k++)
            {
                var index = order[k];
                runningLoss += network.AccumulateImage(train.Image(index), scaler, sample, train.Labels[index]);
                done++;
                if (++inBatch == training.BatchSize)
                {
                    network.Update();
                    inBatch = 0;
                    var stop = options.Stop.IsCancellationRequested;
                    if (options.Checkpoint is not null && (done >= nextCheckpoint || stop))
                    {
                        nextCheckpoint = every == long.MaxValue ? long.MaxValue : ((done / every) + 1) * every;
                        clock.Stop();
                        stop |= !options.Checkpoint(new TrainingPosition(done, epoch, [.. order]));
                        clock.Start();
                    }

                    if (stop)
                    {
                        stopped = true;
                        break;
                    }
                }

                if (done % reportEvery == 0)
                {
                    losses.Add((done, runningLoss / reportEvery));
                    options.Progress?.Report(new TrainingProgress(done, total, runningLoss / reportEvery, (done - first) / clock.Elapsed.TotalSeconds));
                    runningLoss = 0;
                }
            }

            clock.Stop();
            if (!stopped)
            {
                network.Update(); // a last, partial batch
                errors.Add((epoch + 1, Evaluate(training, network, test, options.Threads)));
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new TrainingResult(
            options.Precision,
            stopped ? double.NaN : errors.Count > 0 ? errors[^1].Item2 : Evaluate(training, network, test, options.Threads),
            seconds > 0 ? (done - first) / seconds : 0,
            done,
            losses.ToImmutable(),
            errors.ToImmutable(),
            stopped);
    }

    /// <summary>
    /// The fraction of <paramref name="test"/> that <paramref name="network"/> classifies wrongly; with more than one
    /// thread each takes a contiguous share of the split with its own copy of the network (predictions do not depend on
    /// each other, so the answer is the same).
    /// </summary>
    public static double Evaluate(TrainingSymbol training, INetwork network, LabeledImages test, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (test.Count == 0)
        {
            return 0;
        }

        var workers = Math.Min(threads, test.Count);
        if (workers == 1)
        {
            return (double)CountWrong(training, network, test, 0, test.Count) / test.Count;
        }

        var copies = new INetwork[workers];
        copies[0] = network;
        for (var w = 1; w < workers; w++)
        {
            copies[w] = Copy(training, network);
        }

        var wrong = new int[workers];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var start = (int)((long)test.Count * w / workers);
            var end = (int)((long)test.Count * (w + 1) / workers);
            wrong[w] = CountWrong(training, copies[w], test, start, end);
        });
        return (double)wrong.Sum() / test.Count;
    }

    private static int CountWrong(TrainingSymbol training, INetwork network, LabeledImages test, int start, int end)
    {
        var scaler = InputScaler.For(training.Data);
        var sample = new float[test.ImageSize];
        var wrong = 0;
        for (var i = start; i < end; i++)
        {
            scaler.Scale(test, i, sample);
            wrong += network.Predict(sample) == test.Labels[i] ? 0 : 1;
        }

        return wrong;
    }

    // A network with the same weights (and, in fixed point, the same counters, which key the rounding of predictions).
    private static INetwork Copy(TrainingSymbol training, INetwork network)
    {
        if (network is FixedNetwork fixedNetwork)
        {
            var copy = new FixedNetwork(training, training.Seed);
            NetworkWeights.ImportRaw(copy, NetworkWeights.ExportRaw(fixedNetwork));
            copy.RestoreCounters(fixedNetwork.Samples, fixedNetwork.Updates);
            return copy;
        }

        var floatCopy = new FloatNetwork(training);
        NetworkWeights.Import(floatCopy, NetworkWeights.Export(network));
        return floatCopy;
    }
}
