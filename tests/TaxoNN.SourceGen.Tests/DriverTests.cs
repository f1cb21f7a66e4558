using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using TaxoNN.Compiler.Emit;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Tests.Shared;
using TaxoCompilation = TaxoNN.Compiler.Compilation;

namespace TaxoNN.SourceGen.Tests;

/// <summary>
/// The generator run by a driver, as the compiler runs it (the second layer of its tests): what it writes compiles,
/// builds the same symbols as the binder, and its diagnostics land at the file, line and column <c>taxo check</c> prints.
/// </summary>
public sealed class DriverTests
{
    public static TheoryData<string> ValidCasesWithTrainings => new(BaselineFolders.Names.Where(name =>
        !BaselineFolders.IsInvalid(name) && File.Exists(BaselineFolders.PathOf(name, "main.schedule.txt"))));

    // Cases whose bytes the compiler decodes before a generator sees them, so the generator cannot report what
    // 'taxo check' reports about the bytes.
    public static TheoryData<string> InvalidCases => new(BaselineFolders.Names.Where(name =>
        BaselineFolders.IsInvalid(name) && name != "InvalidBinaryUtf8"));

    [Fact]
    public void The_LeNet5_example_generates_typed_classes_that_compile()
    {
        const string code = """
            namespace Consumer;

            public static class Use
            {
                public static int Filters => LeNet5.C1.OutChannels * LeNet5.C1.Kernel.Height;
                public static int Bits => LeNet5.C1.Precision.Forward.FractionBits + LeNet5Mnist.Precision.F7.Update.FractionBits;
                public static string Last => LeNet5.LayerNames[LeNet5.Layers.Length - 1];
                public static int Pes => Eyeriss.PeCount;
                public static TaxoNN.Compiler.Semantics.TrainingSymbol Setup => LeNet5Mnist.Setup;
            }
            """;
        var (run, output) = GeneratorHarness.Run(GeneratorHarness.CaseFiles("ExampleLenet5Mnist"), code);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(["eyeriss.taxo.g.cs", "main.taxo.g.cs"], run.Results[0].GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Theory]
    [MemberData(nameof(ValidCasesWithTrainings))]
    public void Generated_set_ups_equal_the_binders_and_compile_to_the_same_schedule(string name)
    {
        var (run, output) = GeneratorHarness.Run(GeneratorHarness.CaseFiles(name));
        Assert.Empty(run.Diagnostics);
        var bound = BaselineFolders.InFolder(name, () =>
        {
            var compilation = TaxoCompilation.Create(["main.taxo"]);
            return compilation.RootSteps().Select(s => s.Training).ToList();
        });
        Assert.NotEmpty(bound);

        var context = new AssemblyLoadContext(name, isCollectible: true);
        try
        {
            var assembly = Load(output, context);
            foreach (var expected in bound)
            {
                var type = assembly.GetType($"{GeneratorHarness.Namespace}.{char.ToUpperInvariant(expected.Name[0])}{expected.Name[1..]}", throwOnError: true)!;
                var generated = (TrainingSymbol)type.GetProperty("Setup")!.GetValue(null)!;

                Assert.Equal(SetupDescription.Of(expected), SetupDescription.Of(generated));
                var expectedSchedule = Scheduler.Build(Lowerer.Lower(expected, expected.Fuse));
                var generatedSchedule = Scheduler.Build(Lowerer.Lower(generated, generated.Fuse));
                Assert.Equal(TextScheduleEmitter.Emit(expectedSchedule), TextScheduleEmitter.Emit(generatedSchedule));
                Assert.Equal(JsonScheduleEmitter.Emit(expectedSchedule), JsonScheduleEmitter.Emit(generatedSchedule));
            }
        }
        finally
        {
            context.Unload();
        }
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Diagnostics_land_where_taxo_check_puts_them(string name)
    {
        var files = GeneratorHarness.CaseFiles(name);
        var (run, _) = GeneratorHarness.Run(files);
        var actual = run.Diagnostics.Select(GeneratorHarness.Print).ToList();
        Assert.Empty(run.Results[0].GeneratedSources.Where(s => s.HintName == "main.taxo.g.cs"));

        // 'taxo check' of main.taxo, as its baseline records; an import of a file that is not an AdditionalFile (a
        // missing one, or a folder) is TAXO9003 at the same place, and a file that is not one is not read at all.
        var expected = File.ReadAllLines(BaselineFolders.PathOf(name, "main.diagnostics.txt"))
            .Where(line => files.ContainsKey(line[..line.IndexOf('(', StringComparison.Ordinal)]))
            .ToList();
        Assert.NotEmpty(expected);
        foreach (var line in expected)
        {
            if (BaselineFolders.CodeOf(line) is "TAXO1001" or "TAXO1003")
            {
                var at = line[..line.IndexOf("): ", StringComparison.Ordinal)];
                Assert.Contains(actual, d => d.StartsWith(at + "): error TAXO9003: ", StringComparison.Ordinal));
            }
            else
            {
                Assert.Contains(line, actual);
            }
        }

        // Every file is checked on its own as well, so a cycle is also reported where it closes for the other files.
        var codes = expected.Select(BaselineFolders.CodeOf).Select(c => c is "TAXO1001" or "TAXO1003" ? "TAXO9003" : c).ToHashSet();
        Assert.All(actual, d => Assert.Contains(BaselineFolders.CodeOf(d), codes));
    }

    [Fact]
    public void A_broken_file_fails_with_the_code_at_its_line_and_column_and_generates_nothing()
    {
        var (run, output) = GeneratorHarness.Run(new Dictionary<string, string>
        {
            ["nets/broken.taxo"] = "accelerator A {\n  pe_array 4 x 4\n  global_buffer 16 KiB\n  clock -5 MHz\n}\n",
        });

        var diagnostic = Assert.Single(run.Diagnostics);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.StartsWith("TAXO", diagnostic.Id, StringComparison.Ordinal);
        Assert.Equal("/project/nets/broken.taxo", span.Path);
        Assert.Equal((3, 8), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Empty(run.Results[0].GeneratedSources);
        Assert.Empty(output.SyntaxTrees.Skip(1));
    }

    [Fact]
    public void An_import_that_is_not_an_additional_file_is_TAXO9003_at_the_import()
    {
        var (run, _) = GeneratorHarness.Run(new Dictionary<string, string>
        {
            ["main.taxo"] = "// uses the shared array\nimport \"../shared/eyeriss.taxo\"\n",
        });

        Assert.Equal(
            ["main.taxo(2,8): error TAXO9003: The imported file '../shared/eyeriss.taxo' is not among the project's AdditionalFiles, so the build cannot read it; add it as <AdditionalFiles Include=\"...\" /> in the project, or fix the path (paths are relative to the importing file)."],
            run.Diagnostics.Select(GeneratorHarness.Print));
    }

    [Fact]
    public void An_import_among_the_additional_files_is_followed_and_generated_once()
    {
        var files = GeneratorHarness.CaseFiles("ExampleLenet5Mnist");
        files["other/uses-eyeriss.taxo"] = "import \"../eyeriss.taxo\"\n";
        var (run, output) = GeneratorHarness.Run(files);

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Results[0].GeneratedSources, s => s.SourceText.ToString().Contains("class Eyeriss\n", StringComparison.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_layer_named_like_a_generated_member_is_TAXO9002_at_the_layer()
    {
        var (run, _) = GeneratorHarness.Run(new Dictionary<string, string>
        {
            ["net.taxo"] = "network Net {\n  input 10\n  output: dense(units: 10)\n  loss softmax_cross_entropy\n}\n",
        });

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(
            "net.taxo(3,3): error TAXO9002: 'output' would become the C# member 'Output' of the generated 'Net', which already has a member of that name; rename it.",
            GeneratorHarness.Print(diagnostic));
        Assert.Empty(run.Results[0].GeneratedSources);
    }

    [Fact]
    public void Files_whose_paths_differ_only_in_characters_a_hint_name_cannot_hold_both_generate()
    {
        var (run, output) = GeneratorHarness.Run(new Dictionary<string, string>
        {
            ["a b.taxo"] = "accelerator A {\n  pe_array 4 x 4\n  global_buffer 16 KiB\n  clock 100 MHz\n}\n",
            ["a_b.taxo"] = "accelerator B {\n  pe_array 4 x 4\n  global_buffer 16 KiB\n  clock 100 MHz\n}\n",
        });

        Assert.Empty(run.Diagnostics);
        Assert.Null(run.Results[0].Exception);
        Assert.Equal(2, run.Results[0].GeneratedSources.Select(s => s.HintName).Distinct().Count());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void The_namespace_is_the_projects()
    {
        var driver = GeneratorHarness.CreateDriver(GeneratorHarness.CaseFiles("SmallTraining"));
        var run = driver.RunGenerators(GeneratorHarness.Compilation()).GetRunResult();

        Assert.All(run.Results[0].GeneratedSources, s => Assert.Contains("\nnamespace Consumer\n", s.SourceText.ToString(), StringComparison.Ordinal));
        Assert.Equal(
            new Models.GeneratorOptions("Mine.Configs", "/p"),
            TaxoGenerator.ReadOptions(new TestOptionsProvider(new Dictionary<string, string>
            {
                ["build_property.TaxoNamespace"] = "Mine.Configs",
                ["build_property.RootNamespace"] = "Root",
                ["build_property.MSBuildProjectDirectory"] = "/p/",
            }).GlobalOptions.TryGetValue));
        Assert.Equal(Models.GeneratorOptions.Default, TaxoGenerator.ReadOptions(new TestOptionsProvider(new Dictionary<string, string>()).GlobalOptions.TryGetValue));
    }

    private static Assembly Load(Compilation output, AssemblyLoadContext context)
    {
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        return context.LoadFromStream(stream);
    }
}
