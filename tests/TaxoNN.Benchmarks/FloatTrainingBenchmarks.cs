using BenchmarkDotNet.Attributes;
using TaxoNN.Compiler;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Training;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Benchmarks;

/// <summary>
/// The float32 path on the LeNet-5 example at batch 1: one full SGD step per sample (<see cref="FloatNetwork.Accumulate"/>
/// then <see cref="FloatNetwork.Update"/>) and the forward pass alone, over the first samples of the bundled MNIST
/// subset, on the vector kernels and on their scalar twins. Samples/s = 1 / mean.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class FloatTrainingBenchmarks
{
    private const int Samples = 200;
    private FloatNetwork network = null!;
    private float[][] samples = [];
    private int[] labels = [];

    /// <summary>Whether the network runs on the vector kernels (where the machine has them) or on their scalar twins.</summary>
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

        network = new FloatNetwork(training, Vectorised);
        network.Initialise(training.Seed);
    }

    /// <summary>One SGD step per sample.</summary>
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
