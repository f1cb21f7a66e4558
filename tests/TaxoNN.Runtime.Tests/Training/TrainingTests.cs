using TaxoNN.Compiler;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Numerics;
using TaxoNN.Runtime.Training;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.Training;

/// <summary>The float32 reference against a hand-derived SGD step, and the fixed-point path's determinism and fidelity.</summary>
public sealed class TrainingTests
{
    private static TrainingSymbol Setup(string precision, int batch = 1, string hidden = "")
    {
        var text = $$"""
            accelerator A {
              pe_array 4 x 4
              global_buffer 64 KiB
              clock 100 MHz
            }
            network N {
              input 784
              {{hidden}}
              out: dense(units: 10)
              loss softmax_cross_entropy
            }
            training T {
              network N
              accelerator A
              data mnist
              learning_rate 0.1
              batch_size {{batch}}
              seed 7
              {{precision}}
            }
            """;
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(new Dictionary<string, string> { ["main.taxo"] = text }));
        Assert.Empty(compilation.Diagnostics);
        return compilation.Model.Trainings.Single();
    }

    private static float[] Sample(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 784).Select(_ => (float)random.NextDouble())];
    }

    [Fact]
    public void OneFloatStepEqualsTheHandDerivedSoftmaxCrossEntropyGradient()
    {
        var training = Setup(string.Empty);
        var network = new FloatNetwork(training);
        network.Initialise(training.Seed);
        var w = network.Weights(0).ToArray();
        var b = network.Bias(0).ToArray();
        var x = Sample(1);
        const int Label = 3;

        // By hand: z = W x + b, p = softmax(z), g = p − onehot, W ← W − α g xᵀ, b ← b − α g.
        var z = Enumerable.Range(0, 10).Select(m => b[m] + Enumerable.Range(0, 784).Sum(n => (double)w[(m * 784) + n] * x[n])).ToArray();
        var max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        var p = e.Select(v => v / e.Sum()).ToArray();
        var g = p.Select((v, m) => v - (m == Label ? 1 : 0)).ToArray();
        var loss = network.Accumulate(x, Label);
        network.Update();

        Assert.Equal(-Math.Log(p[Label]), loss, 4);
        for (var m = 0; m < 10; m++)
        {
            Assert.Equal(b[m] - (0.1 * g[m]), network.Bias(0)[m], 5);
            foreach (var n in new[] { 0, 17, 400, 783 })
            {
                Assert.Equal(w[(m * 784) + n] - (0.1 * g[m] * x[n]), network.Weights(0)[(m * 784) + n], 5);
            }
        }
    }

    [Fact]
    public void ABatchAppliesTheMeanOfItsGradientsInOneUpdate()
    {
        FloatNetwork Fresh(int batch)
        {
            var network = new FloatNetwork(Setup(string.Empty, batch));
            network.Initialise(7);
            return network;
        }

        var before = Fresh(1).Weights(0).ToArray();
        float[] OneStep(int sample)
        {
            var network = Fresh(1);
            network.Accumulate(Sample(sample), sample);
            network.Update();
            return network.Weights(0).ToArray();
        }

        // Two samples in one batch: W − (α/2)(g1 x1ᵀ + g2 x2ᵀ), both gradients taken at the same W.
        var first = OneStep(1);
        var second = OneStep(2);
        var batch = Fresh(2);
        batch.Accumulate(Sample(1), 1);
        batch.Accumulate(Sample(2), 2);
        var unchanged = batch.Weights(0).ToArray();
        batch.Update();

        Assert.Equal(before, unchanged);
        for (var i = 0; i < before.Length; i += 97)
        {
            var mean = ((first[i] - before[i]) + (second[i] - before[i])) / 2;
            Assert.Equal(mean, batch.Weights(0)[i] - before[i], 5);
        }
    }

    [Fact]
    public void FixedPointTrainingGivesTheSameBitsForTheSameSeedAndDifferentOnesForAnother()
    {
        const string Precision = "precision { default fixed(16, 12) nearest_even\n update fixed(16, 14) stochastic }";
        int[] Run(long seed)
        {
            var training = Setup(Precision, hidden: "h: dense(units: 32)\n  r: relu");
            var network = new FixedNetwork(training, seed);
            network.Initialise(training.Seed);
            for (var i = 0; i < 20; i++)
            {
                network.Accumulate(Sample(i), i % 10);
                network.Update();
            }

            return [.. network.Weights(0).ToArray(), .. network.Weights(2).ToArray()];
        }

        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void WideFixedPointFormatsFollowFloat32Closely()
    {
        const string Precision = "precision { default fixed(24, 14) nearest_even\n error fixed(24, 20)\n weight_gradient fixed(24, 20)\n update fixed(24, 20) }";
        var training = Setup(Precision, hidden: "h: dense(units: 32)\n  r: relu");
        var fixedNetwork = new FixedNetwork(training, training.Seed);
        var floatNetwork = new FloatNetwork(training);
        fixedNetwork.Initialise(training.Seed);
        floatNetwork.Initialise(training.Seed);
        for (var i = 0; i < 10; i++)
        {
            fixedNetwork.Accumulate(Sample(i), i % 10);
            fixedNetwork.Update();
            floatNetwork.Accumulate(Sample(i), i % 10);
            floatNetwork.Update();
        }

        var format = training.PrecisionOf(training.Network.Layers[2]).Update.Format;
        var fixedWeights = fixedNetwork.Weights(2).ToArray().Select(raw => FixedPoint.ToDouble(raw, format)).ToArray();
        var floatWeights = floatNetwork.Weights(2).ToArray();
        var largest = fixedWeights.Zip(floatWeights, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largest < 1e-4, $"the fixed-point weights differ from float32 by up to {largest}");
    }

    [Fact]
    public void TheSampleOrderIsASeededPermutation()
    {
        var order = Trainer.Order(42, 0, 1000, shuffle: true);
        Assert.Equal(Enumerable.Range(0, 1000), order.Order());
        Assert.Equal(order, Trainer.Order(42, 0, 1000, shuffle: true));
        Assert.NotEqual(order, Trainer.Order(42, 1, 1000, shuffle: true));
        Assert.Equal(Enumerable.Range(0, 1000), Trainer.Order(42, 0, 1000, shuffle: false));
    }

    [Theory]
    [InlineData(PrecisionMode.Float)]
    [InlineData(PrecisionMode.Fixed)]
    public void TheLeNetExampleLearnsFromTheBundledSubset(PrecisionMode precision)
    {
        var compilation = Compilation.Create([Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")]);
        var training = compilation.Model.Trainings.Single();
        var data = DataLoader.Load(training.Data.Dataset, Path.Combine(RepositoryPaths.Examples, training.Data.Path));
        Assert.True(data.Succeeded);
        var network = Trainer.CreateNetwork(training, precision);
        var untrained = Trainer.Evaluate(training, network, data.Test!);

        var result = Trainer.Run(training, network, data.Train!, data.Test!, new TrainingOptions(precision));

        Assert.Equal(2000, result.Samples);
        Assert.True(untrained > 0.8, $"an untrained network misclassifies {untrained:P1}");
        Assert.True(result.Misclassification < 0.5, $"after 2,000 samples it still misclassifies {result.Misclassification:P1}");
        Assert.True(result.Loss[^1].Loss < result.Loss[0].Loss);
    }
}
