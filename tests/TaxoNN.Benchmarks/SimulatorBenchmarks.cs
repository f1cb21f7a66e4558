using BenchmarkDotNet.Attributes;
using TaxoNN.Compiler;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Runtime.Simulation;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Benchmarks;

/// <summary>
/// One training step simulated cycle by cycle on the Eyeriss example's 12 x 14 array: LeNet-5 (batch 1, fused) and
/// the AlexNet-like CIFAR-10 example (about a billion MACs). The step's cycles are returned, so the PE-cycles per
/// second follow from the time per step (docs/performance.md).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private Schedule schedule = null!;
    private Simulator simulator = null!;
    private float[] values = null!;
    private int[] labels = null!;

    /// <summary>The example file.</summary>
    [Params("lenet5-mnist.taxo", "alexnet-cifar10.taxo")]
    public string Example { get; set; } = "lenet5-mnist.taxo";

    [GlobalSetup]
    public void Setup()
    {
        var compilation = Compilation.Create([Path.Combine(RepositoryPaths.Examples, Example)]);
        if (compilation.HasErrors)
        {
            throw new InvalidOperationException(string.Join("\n", compilation.Diagnostics));
        }

        schedule = Scheduler.Build(compilation.RootSteps().Single());
        simulator = Simulator.Create(schedule).Simulator ?? throw new InvalidOperationException("The schedule does not run.");
        var training = schedule.Step.Training;
        values = new float[training.Network.Input.Elements];
        labels = new int[1];
        SyntheticSamples.Fill(training.Seed, 0, values, labels, 10);
    }

    [Benchmark]
    public long OneTrainingStep() => simulator.Step(values, labels).TotalCycles;
}
