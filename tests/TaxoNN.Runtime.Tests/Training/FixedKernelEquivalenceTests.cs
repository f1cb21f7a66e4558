using TaxoNN.Compiler;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Training;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.Training;

/// <summary>The vectorised fixed-point kernels give the scalar reference's bits, layer by layer, update by update.</summary>
public sealed class FixedKernelEquivalenceTests
{
    private static TrainingSymbol Compile(string text)
    {
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(new Dictionary<string, string> { ["main.taxo"] = text }));
        Assert.Empty(compilation.Diagnostics);
        return compilation.Model.Trainings.Single();
    }

    private static string Setup(string input, string layers, string precision, int batch = 1, string loss = "softmax_cross_entropy", string data = "mnist", string rate = "0.05") => $$"""
        accelerator A {
          pe_array 12 x 14
          global_buffer 108 KiB
          accumulator 64 bits
          clock 100 MHz
        }
        network N {
          input {{input}}
          {{layers}}
          loss {{loss}}
        }
        training T {
          network N
          accelerator A
          data {{data}}
          learning_rate {{rate}}
          batch_size {{batch}}
          seed 11
          precision {
            {{precision}}
          }
        }
        """;

    private static float[] Sample(int seed, int length)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)random.NextDouble())];
    }

    /// <summary>Trains both paths side by side and names the first layer and element that differ.</summary>
    private static void AssertSameBits(TrainingSymbol training, int samples, Action<FixedNetwork>? prepare = null, Func<int, int, float[]>? sampleOf = null)
    {
        var vector = new FixedNetwork(training, training.Seed, FixedKernels.Vector);
        var scalar = new FixedNetwork(training, training.Seed, FixedKernels.Scalar);
        Assert.True(vector.IsVectorised);
        Assert.False(scalar.IsVectorised);
        vector.Initialise(training.Seed);
        scalar.Initialise(training.Seed);
        prepare?.Invoke(vector);
        prepare?.Invoke(scalar);
        var length = (int)training.Network.Input.Elements;
        var classes = (int)training.Network.Layers[^1].Output.Elements;
        for (var s = 0; s < samples; s++)
        {
            var sample = (sampleOf ?? Sample)(s, length);
            var scalarLoss = scalar.Accumulate(sample, s % classes);
            var vectorLoss = vector.Accumulate(sample, s % classes);
            for (var i = 0; i < training.Network.Layers.Length; i++)
            {
                AssertEqual(scalar.OutputValues(i), vector.OutputValues(i), $"output of layer {training.Network.Layers[i].Name} at sample {s}");
            }

            Assert.Equal(scalarLoss, vectorLoss);

            if ((s + 1) % training.BatchSize == 0 || s == samples - 1)
            {
                scalar.Update();
                vector.Update();
                for (var i = 0; i < training.Network.Layers.Length; i++)
                {
                    AssertEqual(scalar.Weights(i).ToArray(), vector.Weights(i).ToArray(), $"weights of layer {training.Network.Layers[i].Name} after sample {s}");
                    AssertEqual(scalar.Bias(i).ToArray(), vector.Bias(i).ToArray(), $"bias of layer {training.Network.Layers[i].Name} after sample {s}");
                }
            }
        }
    }

    private static void AssertEqual<T>(T[] expected, T[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(EqualityComparer<T>.Default.Equals(expected[i], actual[i]), $"{what}: element {i} is {actual[i]}, the scalar reference has {expected[i]}");
        }
    }

    [Fact]
    public void TheLeNetExampleTrainsToTheSameBits()
    {
        var compilation = Compilation.Create([Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")]);
        Assert.Empty(compilation.Diagnostics);
        AssertSameBits(compilation.Model.Trainings.Single(), 12);
    }

    [Theory]
    [InlineData(1, "nearest_even")]
    [InlineData(2, "stochastic")]
    public void WeightGradientsFromTheNonzeroErrorPairsGiveTheSameBits(int batch, string rounding)
    {
        // Max pools after ReLUs leave one error per window: the convolutions take the sparse weight gradients (a kernel
        // row wider than a vector in c1, several input channels in c2), and the bits must not change.
        var layers = """
            c1: conv2d(filters: 4, kernel: 9, padding: 4)
            r1: relu
            p1: maxpool(kernel: 2, stride: 2)
            c2: conv2d(filters: 6, kernel: 3, padding: 1)
            r2: relu
            p2: maxpool(kernel: 2, stride: 2)
            flat: flatten
            d1: dense(units: 10)
            """;
        var precision = $"default fixed(16, 10) nearest_even\n error fixed(16, 14) {rounding}\n weight_gradient fixed(16, 12) {rounding}\n update fixed(16, 14) stochastic";
        var training = Compile(Setup("3 x 32 x 32", layers, precision, batch, data: "cifar10"));
        FixedNetwork? vector = null;
        AssertSameBits(training, 8, prepare: n =>
        {
            if (n.IsVectorised)
            {
                n.AlwaysSparseGradients = true;
                vector = n;
            }
        });
        Assert.True(vector!.SparseGradientPasses >= 8, $"{vector.SparseGradientPasses} backward passes took the sparse weight gradients");
    }

    [Theory]
    [InlineData(255.0, 0.0, 1.0)]
    [InlineData(255.0, 0.1307, 0.3081)] // MNIST's usual normalisation: inputs past the format's range saturate
    [InlineData(1.0, 0.5, 64.0)]
    public void PixelsTakenStraightToTheInputsGiveTheBitsOfTheScaledSamples(double divisor, double mean, double std)
    {
        // AccumulateImage looks each pixel up in a table of input words; the scalar reference scales it to a float and
        // converts that.
        const string Layers = "c1: conv2d(filters: 4, kernel: 5, padding: 2)\n r1: relu\n p1: maxpool(kernel: 2, stride: 2)\n flat: flatten\n d1: dense(units: 10)";
        const string Precision = "default fixed(16, 10) nearest_even\n input fixed(16, 13) nearest_even\n update fixed(16, 14) stochastic";
        var training = Compile(Setup("1 x 28 x 28", Layers, Precision));
        var scaler = new TaxoNN.Runtime.Data.InputScaler(divisor, [mean], [std]);
        var vector = new FixedNetwork(training, training.Seed, FixedKernels.Vector);
        var scalar = new FixedNetwork(training, training.Seed, FixedKernels.Scalar);
        vector.Initialise(training.Seed);
        scalar.Initialise(training.Seed);
        var random = new Random(5);
        var scratch = new float[784];
        var scaled = new float[784];
        for (var s = 0; s < 6; s++)
        {
            var image = new byte[784];
            random.NextBytes(image);
            image[s] = 255;
            image[s + 1] = 0;
            scaler.Scale(image, scaled);
            Assert.Equal(scalar.Accumulate(scaled, s % 10), ((INetwork)vector).AccumulateImage(image, scaler, scratch, s % 10));
            AssertEqual(scalar.OutputValues(0), vector.OutputValues(0), $"output of c1 at sample {s}");
            scalar.Update();
            vector.Update();
            AssertEqual(scalar.Weights(0).ToArray(), vector.Weights(0).ToArray(), $"weights of c1 after sample {s}");
        }
    }

    [Theory]
    [InlineData(6, "kernel: 5", "nearest_even", 1)]
    [InlineData(10, "kernel: 3, stride: 2, padding: 1", "stochastic", 1)]
    [InlineData(3, "kernel: 2, padding: 1", "stochastic", 2)]
    [InlineData(17, "kernel: 4, stride: 1, padding: 2", "nearest_even", 1)]
    public void InputErrorsScatteredFromTheNonzeroErrorsGiveTheSameBits(int channels, string geometry, string rounding, int batch)
    {
        // The second convolution's input errors from its nonzero errors alone, whatever that costs: window rows of one
        // and of several vectors of channel lanes (6, 10, 3 and 17 input channels), whole 8-tap blocks and taps after
        // them (windows of 25, 9, 4 and 16 taps), strides and padding.
        var layers = $$"""
            c1: conv2d(filters: {{channels}}, kernel: 3, padding: 1)
            r1: relu
            p1: maxpool(kernel: 2, stride: 2)
            c2: conv2d(filters: 8, {{geometry}})
            r2: relu
            p2: maxpool(kernel: 2, stride: 2)
            flat: flatten
            d1: dense(units: 10)
            """;
        var precision = $"default fixed(16, 10) nearest_even\n error fixed(16, 14) {rounding}\n weight_gradient fixed(16, 12) nearest_even\n update fixed(16, 14) stochastic";
        var training = Compile(Setup("1 x 28 x 28", layers, precision, batch));
        FixedNetwork? vector = null;
        AssertSameBits(training, 8, prepare: n =>
        {
            if (n.IsVectorised)
            {
                n.AlwaysScatterErrors = true;
                vector = n;
            }
        });
        Assert.True(vector!.ScatteredErrorPasses >= 6, $"{vector.ScatteredErrorPasses} backward passes scattered their input errors");
    }

    [Theory]
    [InlineData(1, "nearest_even", "stochastic")]
    [InlineData(3, "stochastic", "stochastic")]
    [InlineData(1, "nearest_even", "nearest_even")]
    public void ConvolutionsWithStridePaddingAndPoolingTrainToTheSameBits(int batch, string errorRounding, string updateRounding)
    {
        var layers = """
            c1: conv2d(filters: 5, kernel: 3, stride: 2, padding: 1)
            t1: tanh
            p1: avgpool(kernel: 2, stride: 1)
            c2: conv2d(filters: 7, kernel: 3, padding: 2)
            r2: relu
            p2: maxpool(kernel: 2, stride: 2)
            flat: flatten
            d1: dense(units: 13)
            s1: sigmoid
            d2: dense(units: 10)
            """;
        var precision = $"default fixed(16, 10) nearest_even\n error fixed(16, 14) {errorRounding}\n weight_gradient fixed(14, 12) {errorRounding}\n update fixed(12, 11) {updateRounding}";
        AssertSameBits(Compile(Setup("3 x 32 x 32", layers, precision, batch, data: "cifar10")), 6);
    }

    [Fact]
    public void MeanSquaredErrorAndNarrowFormatsTrainToTheSameBits()
    {
        var layers = """
            c1: conv2d(filters: 4, kernel: 5, padding: 2)
            r1: relu
            flat: flatten
            d1: dense(units: 21)
            r2: relu
            d2: dense(units: 10)
            """;
        const string Precision = "default fixed(8, 4) stochastic\n error fixed(8, 7)\n weight_gradient fixed(8, 7)\n update fixed(8, 6) stochastic";
        AssertSameBits(Compile(Setup("1 x 28 x 28", layers, Precision, loss: "mean_squared_error")), 8);
    }

    [Fact]
    public void OperandsAtTheSixteenBitMinimumTakeTheInt32KernelsAndTrainToTheSameBits()
    {
        // −32768 in both operands of a pair would overflow its int32 multiply-add: inputs of −1 and weights of −1 in
        // 15 fraction bits make the convolution and the dense layer take the int32 kernels.
        const string Layers = "c1: conv2d(filters: 3, kernel: 3, padding: 1)\n flat: flatten\n d1: dense(units: 10)";
        const string Precision = "default fixed(16, 15) nearest_even\n input fixed(16, 15)\n update fixed(16, 15) stochastic";
        var training = Compile(Setup("1 x 28 x 28", Layers, Precision));
        void AllMinusOne(FixedNetwork network)
        {
            foreach (var i in new[] { 0, 2 })
            {
                var layer = training.Network.Layers[i];
                network.SetWeights(i, Enumerable.Repeat(-1f, (int)layer.WeightCount).ToArray(), new float[layer.BiasCount]);
            }
        }

        AssertSameBits(training, 3, AllMinusOne, (s, length) => [.. Sample(s, length).Select(v => v < 0.5f ? -1f : -v)]);
    }

    [Fact]
    public void AnUpdateWhoseStepIsAlreadyAtTheWeightsFractionTrainsToTheSameBits()
    {
        // α = 1 is held with 14 fraction bits; gradients with 1 make α·dW land on the weights' 15: nothing to align.
        const string Layers = "d1: dense(units: 16)\n r1: relu\n d2: dense(units: 10)";
        const string Precision = "default fixed(16, 10) nearest_even\n error fixed(16, 15)\n weight_gradient fixed(16, 1)\n update fixed(16, 15) stochastic";
        AssertSameBits(Compile(Setup("784", Layers, Precision, rate: "1")), 4);
    }

    [Fact]
    public void APredictionBetweenASampleAndItsUpdateChangesNothing()
    {
        var compilation = Compilation.Create([Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")]);
        var training = compilation.Model.Trainings.Single();
        var plain = new FixedNetwork(training, training.Seed);
        var interrupted = new FixedNetwork(training, training.Seed);
        var reference = new FixedNetwork(training, training.Seed, FixedKernels.Scalar);
        foreach (var network in new[] { plain, interrupted, reference })
        {
            network.Initialise(training.Seed);
        }

        for (var s = 0; s < 3; s++)
        {
            plain.Accumulate(Sample(s, 784), s);
            interrupted.Accumulate(Sample(s, 784), s);
            reference.Accumulate(Sample(s, 784), s);
            Assert.Equal(reference.Predict(Sample(100 + s, 784)), interrupted.Predict(Sample(100 + s, 784)));
            plain.Update();
            interrupted.Update();
            reference.Update();
        }

        for (var i = 0; i < training.Network.Layers.Length; i++)
        {
            AssertEqual(plain.Weights(i).ToArray(), interrupted.Weights(i).ToArray(), $"weights of layer {i}");
            AssertEqual(reference.Weights(i).ToArray(), interrupted.Weights(i).ToArray(), $"weights of layer {i} against the reference");
        }
    }
}
