using BenchmarkDotNet.Attributes;
using TaxoNN.Compiler;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Benchmarks;

/// <summary>
/// Compile time from text to schedule: parse, structure checks, binding, lowering, accumulator checks, mapping and
/// scheduling (with the unfused twin a fused schedule carries), for LeNet-5 and for generated networks of 10, 100
/// and 1,000 layers.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private Dictionary<string, string> files = null!;

    /// <summary>LeNet-5 (the example, with the accelerator it imports) or a generated network of that many layers.</summary>
    [Params("lenet5", "10", "100", "1000")]
    public string Network { get; set; } = "lenet5";

    [GlobalSetup]
    public void Setup()
    {
        files = Network == "lenet5"
            ? new Dictionary<string, string>
            {
                ["main.taxo"] = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")),
                ["eyeriss.taxo"] = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "eyeriss.taxo")),
            }
            : new Dictionary<string, string> { ["main.taxo"] = DeepNetworks.Create(int.Parse(Network, System.Globalization.CultureInfo.InvariantCulture)) };
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(files));
        if (compilation.HasErrors)
        {
            throw new InvalidOperationException(string.Join("\n", compilation.Diagnostics));
        }
    }

    [Benchmark]
    public long CompileToSchedule()
    {
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(files));
        _ = compilation.Diagnostics;
        return compilation.Steps().Sum(step => Scheduler.Build(step).TotalCycles);
    }
}
