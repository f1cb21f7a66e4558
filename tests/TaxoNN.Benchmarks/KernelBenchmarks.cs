using BenchmarkDotNet.Attributes;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Benchmarks;

/// <summary>
/// The exact 16-bit dot product on every path this machine supports, at LeNet-5's sizes (25 = a 5x5 kernel,
/// 150 = 6 channels of 5x5, 400 = f5's input) and a long 4096; <see cref="MacRateColumn"/> gives GMAC/s.
/// </summary>
/// <remarks>The timed call includes the range scan that sizes the exact int32 blocks.</remarks>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[Config(typeof(MacRateConfig))]
public class KernelBenchmarks
{
    private short[] a = [];
    private short[] b = [];

    /// <summary>Elements in each operand.</summary>
    [Params(25, 150, 400, 4096)]
    public int Length { get; set; }

    /// <summary>The kernel path.</summary>
    [ParamsSource(nameof(Paths))]
    public KernelPath Path { get; set; }

    /// <summary>The paths this machine supports.</summary>
    public static IEnumerable<KernelPath> Paths() => Enum.GetValues<KernelPath>().Where(KernelPaths.IsSupported);

    [GlobalSetup]
    public void Setup()
    {
        // Q4.12 activations in [0, 1] and weights in [-0.5, 0.5): the ranges a LeNet-5 layer sees.
        var random = new Random(5);
        a = Enumerable.Range(0, Length).Select(_ => (short)random.Next(0, 4097)).ToArray();
        b = Enumerable.Range(0, Length).Select(_ => (short)random.Next(-2048, 2048)).ToArray();
    }

    [Benchmark]
    public long Dot() => IntegerKernels.Dot(a, b, Path);
}
