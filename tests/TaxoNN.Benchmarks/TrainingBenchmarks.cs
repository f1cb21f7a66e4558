using BenchmarkDotNet.Attributes;
using TaxoNN.Compiler;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Training;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Benchmarks;

/// <summary>
/// Training the LeNet-5 example at batch 1, bit-exact fixed point (its per-layer formats and roundings) and float32:
/// one full SGD step per sample (<see cref="INetwork.Accumulate"/> then <see cref="INetwork.Update"/>) and the forward
/// pass alone, over the first samples of the bundled MNIST subset, on the vector kernels and on the scalar reference
/// (fixed point, same bits) or the scalar twins (float32). Samples/s = 1 / mean. Every iteration starts again from the
/// seeded initial weights: a network that kept training on the same samples would soon see almost no error, and its
/// steps (sparse errors skip work) would be faster than any real run's.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private const int Samples = 1000;
    private INetwork network = null!;
    private Action restart = () => { };
    private float[][] samples = [];
    private int[] labels = [];

    /// <summary>Fixed point or float32.</summary>
    [Params(PrecisionMode.Fixed, PrecisionMode.Float)]
    public PrecisionMode Precision { get; set; }

    /// <summary>Whether the network runs on the vector kernels (where the machine has them) or on the scalar ones.</summary>
    [Params(true, false)]
    public bool Vectorised { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var training = Compilation.Create([Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")]).Model.Trainings.Single();
        var data = DataLoader.Load(training.Data.Dataset, Path.Combine(RepositoryPaths.Examples, training.Data.Path));
        var train = data.Train ?? throw new InvalidOperationException("The bundled MNIST subset did not load.");
        var scaler = InputScaler.For(training.Data);
        samples = new float[Samples][];
        labels = new int[Samples];
        for (var i = 0; i < Samples; i++)
        {
            samples[i] = new float[train.ImageSize];
            scaler.Scale(train, i, samples[i]);
            labels[i] = train.Labels[i];
        }

        if (Precision == PrecisionMode.Fixed)
        {
            var fixedNetwork = new FixedNetwork(training, training.Seed, Vectorised ? FixedKernels.Vector : FixedKernels.Scalar);
            restart = () => fixedNetwork.Initialise(training.Seed);
            network = fixedNetwork;
        }
        else
        {
            var floatNetwork = new FloatNetwork(training, Vectorised);
            restart = () => floatNetwork.Initialise(training.Seed);
            network = floatNetwork;
        }

        restart();
    }

    /// <summary>Back to the initial weights before each iteration.</summary>
    [IterationSetup]
    public void Restart() => restart();

    /// <summary>One SGD step per sample, from the initial weights.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double Step()
    {
        double loss = 0;
        for (var i = 0; i < Samples; i++)
        {
            loss += network.Accumulate(samples[i], labels[i]);
            network.Update();
        }

        return loss;
    }

    /// <summary>The forward pass alone, per sample.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int Forward()
    {
        var votes = 0;
        for (var i = 0; i < Samples; i++)
        {
            votes += network.Predict(samples[i]);
        }

        return votes;
    }
}
