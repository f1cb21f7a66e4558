using System.Collections.Immutable;
using TaxoNN.Compiler;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Serialization;
using TaxoNN.Runtime.Training;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.Training;

/// <summary>
/// Resuming at any batch boundary, with batches that do not divide the epoch and over an epoch's end, gives the bits of
/// an uninterrupted run.
/// </summary>
public sealed class TrainerResumeTests
{
    private const string Setup = """
        accelerator A {
          pe_array 4 x 4
          global_buffer 16 KiB
          clock 100 MHz
        }
        network N {
          input 1 x 28 x 28
          c1: conv2d(filters: 2, kernel: 5)
          r1: relu
          s2: maxpool(kernel: 2)
          flat: flatten
          f3: dense(units: 10)
          loss softmax_cross_entropy
        }
        training T {
          network N
          accelerator A
          data mnist
          learning_rate 0.05
          batch_size 3
          epochs 2
          seed 7
          shuffle on
          precision {
            default fixed(16, 12) nearest_even
            input fixed(16, 14)
            error fixed(16, 14) nearest_even
            weight_gradient fixed(16, 14) nearest_even
            update fixed(16, 14) stochastic
          }
        }
        """;

    [Theory]
    [InlineData(PrecisionMode.Fixed)]
    [InlineData(PrecisionMode.Float)]
    public void Resuming_at_every_batch_boundary_gives_the_weights_of_the_uninterrupted_run(PrecisionMode mode)
    {
        var training = Training();
        var (train, test) = Data();
        var snapshots = new List<(TrainingPosition Position, WeightSet Weights)>();
        var whole = Trainer.CreateNetwork(training, mode);
        var options = new TrainingOptions(mode, CheckpointEvery: 1, Checkpoint: position =>
        {
            snapshots.Add((position, NetworkWeights.Export(whole)));
            return true;
        });
        var result = Trainer.Run(training, whole, train, test, options);
        var expected = Values(NetworkWeights.Export(whole));

        // 10 samples in batches of 3: boundaries after 3, 6 and 9 samples in each epoch, then a partial batch of 1.
        Assert.Equal([3L, 6, 9, 13, 16, 19], snapshots.Select(s => s.Position.Samples));
        Assert.Equal(20, result.Samples);
        Assert.False(result.Stopped);
        foreach (var (position, weights) in snapshots)
        {
            var resumed = Trainer.CreateNetwork(training, mode);
            NetworkWeights.Import(resumed, weights);
            if (resumed is FixedNetwork fixeds)
            {
                fixeds.RestoreCounters(position.Samples, position.Updates(training.BatchSize));
            }

            Trainer.Run(training, resumed, train, test, new TrainingOptions(mode, Start: position));

            Assert.True(expected.SequenceEqual(Values(NetworkWeights.Export(resumed))), $"resumed at {position.Samples}");
        }
    }

    [Fact]
    public void A_stop_ends_the_run_at_the_first_batch_boundary_after_a_checkpoint_without_evaluating()
    {
        var training = Training();
        var (train, test) = Data();
        var positions = new List<TrainingPosition>();
        var network = Trainer.CreateNetwork(training, PrecisionMode.Fixed);

        var result = Trainer.Run(training, network, train, test, new TrainingOptions(
            Checkpoint: position =>
            {
                positions.Add(position);
                return true;
            },
            Stop: new CancellationToken(canceled: true)));

        Assert.True(result.Stopped);
        Assert.True(double.IsNaN(result.Misclassification));
        Assert.Equal(3, Assert.Single(positions).Samples);
        Assert.Equal(3, ((FixedNetwork)network).Samples);
        Assert.Equal(1, ((FixedNetwork)network).Updates);
        Assert.Equal(1, positions[0].Updates(training.BatchSize));
    }

    private static TrainingSymbol Training()
    {
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(new Dictionary<string, string> { ["main.taxo"] = Setup }));
        Assert.Empty(compilation.Diagnostics);
        return compilation.Steps().Single().Training;
    }

    private static (LabeledImages Train, LabeledImages Test) Data()
    {
        var random = new Random(3);
        LabeledImages Images(int count)
        {
            var pixels = new byte[count * 28 * 28];
            var labels = new byte[count];
            random.NextBytes(pixels);
            for (var i = 0; i < count; i++)
            {
                labels[i] = (byte)random.Next(10);
            }

            return new LabeledImages(count, 1, 28, 28, pixels, labels);
        }

        return (Images(10), Images(4));
    }

    private static ImmutableArray<float> Values(WeightSet weights) => [.. weights.SelectMany(t => t.Values)];
}
