using BenchmarkDotNet.Attributes;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Parsing;
using TaxoNN.Language.Schema;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Benchmarks;

/// <summary>
/// Throughput of the language front end on a generated 10 MiB file and on the LeNet-5 example: the lexer alone,
/// lexing and parsing together (<see cref="SyntaxParser.Parse"/>), and the structure checks of a parsed tree.
/// </summary>
/// <remarks>A short job: the machine is shared, and ten iterations of a parse that takes a second are enough.</remarks>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ParseBenchmarks
{
    private SourceText source = null!;
    private SyntaxTree tree = null!;

    /// <summary>Which input the benchmark reads.</summary>
    [Params(ParseInput.Large, ParseInput.LeNet5)]
    public string Input { get; set; } = ParseInput.Large;

    [GlobalSetup]
    public void Setup()
    {
        source = ParseInput.Get(Input);
        tree = SyntaxParser.Parse(source);
        if (tree.Diagnostics.Length > 0 || StructureChecker.Check(tree).Items.Count > 0)
        {
            throw new InvalidOperationException($"The benchmark input '{Input}' is not valid, so the benchmark would measure error recovery.");
        }
    }

    [Benchmark]
    [BenchmarkCategory("Lex")]
    public int Lex() => Lexer.Lex(source, new DiagnosticBag()).Tokens.Length;

    [Benchmark]
    [BenchmarkCategory("Parse")]
    public SyntaxTree Parse() => SyntaxParser.Parse(source);

    [Benchmark]
    [BenchmarkCategory("Check")]
    public DiagnosticBag Check() => StructureChecker.Check(tree);
}
