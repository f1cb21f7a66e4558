using TaxoNN.Compiler;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Training;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.Training;

/// <summary>
/// The float path against a plain re-derivation of SGD in double precision, on small networks with every layer kind,
/// strides, padding, both losses and batches of one and more; and its vector kernels against their scalar twins, to
/// the bit, over whole training steps.
/// </summary>
public sealed class FloatNetworkTests
{
    private const int Steps = 3;

    public static TheoryData<string, string, string, int> Networks => new()
    {
        {
            "strided, padded convolution, overlapping padded max pooling, tanh",
            "cifar10",
            """
            input 3 x 32 x 32
            c1: conv2d(filters: 5, kernel: 3, stride: 2, padding: 1)
            r1: relu
            p1: maxpool(kernel: 3, stride: 2, padding: 1)
            flat: flatten
            f1: dense(units: 12)
            t1: tanh
            out: dense(units: 10)
            loss softmax_cross_entropy
            """,
            1
        },
        {
            "convolution without bias, sigmoid, average pooling, a second strided convolution, mean squared error",
            "mnist",
            """
            input 1 x 28 x 28
            c1: conv2d(filters: 4, kernel: 3 x 2, bias: off)
            s1: sigmoid
            p1: avgpool(kernel: 2, stride: 2 x 1, padding: 1)
            c2: conv2d(filters: 9, kernel: 2, stride: 2 x 1, padding: 1)
            i1: identity
            flat: flatten
            out: dense(units: 10, bias: off)
            loss mean_squared_error
            """,
            3
        },
        {
            "LeNet-like shapes that fill whole vectors, a batch of two",
            "mnist",
            """
            input 1 x 28 x 28
            c1: conv2d(filters: 6, kernel: 5, padding: 2)
            r1: relu
            s2: maxpool(kernel: 2, stride: 2)
            c3: conv2d(filters: 16, kernel: 5)
            r3: relu
            s4: maxpool(kernel: 2, stride: 2)
            flat: flatten
            f5: dense(units: 40)
            r5: relu
            out: dense(units: 10)
            loss softmax_cross_entropy
            """,
            2
        },
        {
            "a wide kernel, padded wide average pooling, dense layers only after it",
            "cifar10",
            """
            input 3 x 32 x 32
            c1: conv2d(filters: 3, kernel: 3 x 11, padding: 1 x 3)
            r1: relu
            p1: avgpool(kernel: 3 x 9, stride: 1, padding: 1 x 2)
            flat: flatten
            f1: dense(units: 17)
            s1: sigmoid
            out: dense(units: 10)
            loss mean_squared_error
            """,
            1
        },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainingStepsFollowAPlainDoublePrecisionDerivation(string name, string data, string network, int batch)
    {
        var training = Setup(data, network, batch);
        var fast = new FloatNetwork(training);
        fast.Initialise(training.Seed);
        var reference = new FloatReferenceNetwork(training, fast);
        var random = new Random(name.Length);
        for (var step = 0; step < Steps; step++)
        {
            for (var i = 0; i < batch; i++)
            {
                var sample = Sample(random, training.Network.Input.Elements);
                var label = random.Next(10);
                var loss = fast.Accumulate(sample, label);
                var expected = reference.Accumulate(sample, label);
                Assert.True(Math.Abs(loss - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"{name}: loss {loss} against {expected}");
            }

            fast.Update();
            reference.Update();
        }

        foreach (var layer in training.Network.Layers.Where(l => l.HasWeights))
        {
            AssertClose(name, layer.Name + ".weight", reference.Weights[layer.Index], fast.Weights(layer.Index));
            AssertClose(name, layer.Name + ".bias", reference.Bias[layer.Index], fast.Bias(layer.Index));
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TheVectorKernelsAndTheirScalarTwinsTrainToTheSameBits(string name, string data, string network, int batch)
    {
        var training = Setup(data, network, batch);
        var vector = new FloatNetwork(training, vectorised: true);
        var scalar = new FloatNetwork(training, vectorised: false);
        vector.Initialise(training.Seed);
        scalar.Initialise(training.Seed);
        var random = new Random(name.Length);
        for (var step = 0; step < Steps; step++)
        {
            for (var i = 0; i < batch; i++)
            {
                var sample = Sample(random, training.Network.Input.Elements);
                var label = random.Next(10);
                Assert.Equal(scalar.Accumulate(sample, label), vector.Accumulate(sample, label));
            }

            vector.Update();
            scalar.Update();
        }

        var probe = Sample(random, training.Network.Input.Elements);
        Assert.Equal(scalar.Predict(probe), vector.Predict(probe));
        Assert.Equal(scalar.Scores.ToArray(), vector.Scores.ToArray());
        foreach (var layer in training.Network.Layers.Where(l => l.HasWeights))
        {
            Assert.Equal(scalar.Weights(layer.Index).ToArray(), vector.Weights(layer.Index).ToArray());
            Assert.Equal(scalar.Bias(layer.Index).ToArray(), vector.Bias(layer.Index).ToArray());
        }
    }

    [Fact]
    public void APredictionBetweenTheSamplesOfABatchKeepsTheFirstSamplesGradient()
    {
        var training = Setup((string)Networks.First()[1], (string)Networks.First()[2], 2);
        var interrupted = new FloatNetwork(training);
        var plain = new FloatNetwork(training);
        interrupted.Initialise(training.Seed);
        plain.Initialise(training.Seed);
        var random = new Random(3);
        var first = Sample(random, training.Network.Input.Elements);
        var second = Sample(random, training.Network.Input.Elements);
        var other = Sample(random, training.Network.Input.Elements);

        interrupted.Accumulate(first, 1);
        interrupted.Predict(other);
        interrupted.Accumulate(second, 2);
        interrupted.Update();
        plain.Accumulate(first, 1);
        plain.Accumulate(second, 2);
        plain.Update();

        Assert.Equal(plain.Weights(0).ToArray(), interrupted.Weights(0).ToArray());
        Assert.NotEqual(Initial(training, 0), plain.Weights(0).ToArray());
    }

    [Fact]
    public void WeightsSetFromOutsideTakeEffectInTheNextPass()
    {
        var training = Setup((string)Networks.First()[1], (string)Networks.First()[2], 1);
        var network = new FloatNetwork(training);
        network.Initialise(training.Seed);
        var sample = Sample(new Random(4), training.Network.Input.Elements);
        network.Predict(sample);
        var before = network.Scores.ToArray();

        network.Weights(0).Clear();
        network.Bias(0).Clear();
        network.Predict(sample);

        Assert.NotEqual(before, network.Scores.ToArray());
        var fresh = new FloatNetwork(training);
        fresh.Initialise(training.Seed);
        fresh.Weights(0).Clear();
        fresh.Bias(0).Clear();
        fresh.Predict(sample);
        Assert.Equal(fresh.Scores.ToArray(), network.Scores.ToArray());
    }

    private static float[] Initial(TrainingSymbol training, int layer)
    {
        var network = new FloatNetwork(training);
        network.Initialise(training.Seed);
        return network.Weights(layer).ToArray();
    }

    private static TrainingSymbol Setup(string data, string network, int batch)
    {
        var text = $$"""
            accelerator A {
              pe_array 4 x 4
              global_buffer 64 KiB
              clock 100 MHz
            }
            network N {
              {{network}}
            }
            training T {
              network N
              accelerator A
              data {{data}}
              learning_rate 0.05
              batch_size {{batch}}
              seed 11
            }
            """;
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(new Dictionary<string, string> { ["main.taxo"] = text }));
        Assert.Empty(compilation.Diagnostics);
        return compilation.Model.Trainings.Single();
    }

    private static float[] Sample(Random random, long elements)
    {
        var sample = new float[elements];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = (float)random.NextDouble();
        }

        return sample;
    }

    private static void AssertClose(string name, string tensor, double[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double difference = 0, norm = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            difference += Math.Pow(actual[i] - expected[i], 2);
            norm += Math.Pow(expected[i], 2);
        }

        var relative = Math.Sqrt(difference / Math.Max(norm, 1e-30));
        Assert.True(relative < 1e-5, $"{name}: '{tensor}' differs from the double-precision derivation by a relative {relative:E2}");
    }
}
