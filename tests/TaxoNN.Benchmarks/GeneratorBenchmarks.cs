using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TaxoNN.SourceGen;
using TaxoNN.SourceGen.Emit;
using TaxoNN.SourceGen.Models;
using TaxoNN.SourceGen.Pipeline;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Benchmarks;

/// <summary>
/// Time the source generator spends on the LeNet-5 example (lenet5-mnist.taxo and the eyeriss.taxo it imports, both
/// AdditionalFiles): a first run of the whole pipeline, a run after one file changed, a run with nothing changed, and
/// its two costly steps on their own (checking one file with its imports into a model; writing the C# of a model).
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const string Folder = "/project";

    private AdditionalText[] texts = null!;
    private AdditionalText edited = null!;
    private CSharpCompilation compilation = null!;
    private GeneratorDriver warm = null!;
    private FileClosure closure = null!;
    private FileModel model = null!;

    [GlobalSetup]
    public void Setup()
    {
        texts =
        [
            new Text(Folder + "/lenet5-mnist.taxo", File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo"))),
            new Text(Folder + "/eyeriss.taxo", File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "eyeriss.taxo"))),
        ];
        edited = new Text(texts[0].Path, texts[0].GetText()!.ToString().Replace("learning_rate 0.01", "learning_rate 0.02", StringComparison.Ordinal));
        compilation = CSharpCompilation.Create("Bench", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        warm = Driver().RunGenerators(compilation);
        var result = warm.GetRunResult();
        if (!result.Diagnostics.IsEmpty || result.Results[0].GeneratedSources.Length != 2)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        }

        var scanned = texts.Select(t => ImportScanner.Scan(new TaxoFile(t.Path, t.GetText()!.ToString()), CancellationToken.None)).ToList();
        closure = ClosureBuilder.Build(scanned[0], scanned, CancellationToken.None);
        model = ModelBuilder.Build(closure, new GeneratorOptions("Bench", Folder), CancellationToken.None);
    }

    /// <summary>A fresh driver over both files: every step runs (what a clean build pays).</summary>
    [Benchmark]
    public int FirstRun() => Driver().RunGenerators(compilation).GetRunResult().Results[0].GeneratedSources.Length;

    /// <summary>lenet5-mnist.taxo edited (what an editor pays per keystroke in that file): it alone is re-checked and re-emitted.</summary>
    [Benchmark]
    public int RunAfterEdit() => warm.ReplaceAdditionalText(texts[0], edited).RunGenerators(compilation).GetRunResult().Results[0].GeneratedSources.Length;

    /// <summary>Nothing changed: every step cached.</summary>
    [Benchmark]
    public int CachedRun() => warm.RunGenerators(compilation).GetRunResult().Results[0].GeneratedSources.Length;

    /// <summary>The checks of lenet5-mnist.taxo with its import, as taxo check runs them, and the model of its declarations.</summary>
    [Benchmark]
    public int CheckAndModel() => ModelBuilder.Build(closure, new GeneratorOptions("Bench", Folder), CancellationToken.None).Networks.Count;

    /// <summary>The C# of lenet5-mnist.taxo (a network, a set-up, 2,200 lines).</summary>
    [Benchmark]
    public int Emit() => ConfigEmitter.Emit(model, "bench").Length;

    private GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new TaxoGenerator().AsSourceGenerator()],
        texts,
        CSharpParseOptions.Default,
        optionsProvider: null,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None));

    // In this process: the project BenchmarkDotNet generates for a separate process leaves the Compiler, which the
    // generator's project reference hands on as an analyzer dependency only, out of its deps.json.
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance));
        }
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly Microsoft.CodeAnalysis.Text.SourceText source = Microsoft.CodeAnalysis.Text.SourceText.From(text);

        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) => source;
    }
}
