using Microsoft.CodeAnalysis;
using TaxoNN.SourceGen.Models;

namespace TaxoNN.SourceGen.Tests;

/// <summary>
/// The run-twice tests (the third layer of the generator's tests): with nothing changed every step is cached, and an
/// edit to one file re-checks and regenerates that file and the files that import it, and nothing else.
/// </summary>
public sealed class IncrementalTests
{
    private static readonly string[] Steps =
    [
        TaxoGenerator.Steps.Read, TaxoGenerator.Steps.Imports, TaxoGenerator.Steps.AllImports, TaxoGenerator.Steps.Closure,
        TaxoGenerator.Steps.Options, TaxoGenerator.Steps.Model, TaxoGenerator.Steps.Diagnostics,
    ];

    private static readonly Dictionary<string, string> Files = new()
    {
        ["array.taxo"] = "accelerator A {\n  pe_array 4 x 4\n  global_buffer 16 KiB\n  clock 100 MHz\n}\n",
        ["net.taxo"] = """
            import "array.taxo"

            network N {
              input 1 x 28 x 28
              c1: conv2d(filters: 2, kernel: 5)
              r1: relu
              flat: flatten
              f2: dense(units: 10)
              loss softmax_cross_entropy
            }

            training T {
              network N
              accelerator A
              data mnist
              learning_rate 0.01
            }

            """,
        ["other.taxo"] = "accelerator Other {\n  pe_array 8 x 8\n  global_buffer 64 KiB\n  clock 1 GHz\n}\n",
    };

    [Fact]
    public void A_second_run_without_changes_is_cached_at_every_step()
    {
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.CreateDriver(Files).RunGenerators(compilation);
        var first = driver.GetRunResult().Results[0];
        Assert.Equal(3, first.GeneratedSources.Length);
        Assert.All(Steps, step => Assert.Contains(step, first.TrackedSteps.Keys));

        var second = driver.RunGenerators(compilation).GetRunResult().Results[0];

        foreach (var step in Steps)
        {
            Assert.All(
                second.TrackedSteps[step].SelectMany(s => s.Outputs),
                output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {output.Reason}"));
        }

        Assert.All(
            second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_an_imported_file_rechecks_it_and_its_importers_only()
    {
        var compilation = GeneratorHarness.Compilation();
        var started = Start(compilation);
        var before = started.Driver.GetRunResult().Results[0].GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        var edited = Edit(started, "array.taxo", "clock 100 MHz", "clock 250 MHz");
        var result = edited.RunGenerators(compilation).GetRunResult().Results[0];

        Assert.Equal(["array.taxo", "net.taxo"], Rechecked(result));
        Assert.Equal(["array.taxo"], Regenerated(result));
        var after = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Contains("ClockHz = 250000000d;", after["array.taxo.g.cs"], StringComparison.Ordinal);
        Assert.Equal(before["other.taxo.g.cs"], after["other.taxo.g.cs"]);
    }

    [Fact]
    public void Editing_an_importing_file_regenerates_it_alone()
    {
        var compilation = GeneratorHarness.Compilation();
        var started = Start(compilation);

        var edited = Edit(started, "net.taxo", "filters: 2", "filters: 3");
        var result = edited.RunGenerators(compilation).GetRunResult().Results[0];

        Assert.Equal(["net.taxo"], Rechecked(result));
        Assert.Equal(["net.taxo"], Regenerated(result));
        Assert.Contains("OutChannels = 3;", result.GeneratedSources.Single(s => s.HintName == "net.taxo.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_that_breaks_an_import_fails_its_importer_at_the_right_place()
    {
        var compilation = GeneratorHarness.Compilation();
        var started = Start(compilation);

        // 'A' becomes inference only: the set-up in net.taxo can no longer train on it.
        var edited = Edit(started, "array.taxo", "clock 100 MHz", "clock 100 MHz\n  training_extensions off");
        var run = edited.RunGenerators(compilation).GetRunResult();

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.StartsWith("net.taxo(14,15): error TAXO2105: ", GeneratorHarness.Print(diagnostic), StringComparison.Ordinal);
        Assert.Equal(["array.taxo.g.cs", "other.taxo.g.cs"], run.Results[0].GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    private static (GeneratorDriver Driver, Dictionary<string, AdditionalText> Texts) Start(Compilation compilation)
    {
        var texts = Files.ToDictionary(f => f.Key, f => (AdditionalText)new InMemoryAdditionalText(GeneratorHarness.PathOf(f.Key), f.Value));
        return (GeneratorHarness.CreateDriver(texts.Values).RunGenerators(compilation), texts);
    }

    private static GeneratorDriver Edit((GeneratorDriver Driver, Dictionary<string, AdditionalText> Texts) run, string file, string from, string to)
    {
        var text = Files[file];
        Assert.Contains(from, text, StringComparison.Ordinal);
        var edited = new InMemoryAdditionalText(GeneratorHarness.PathOf(file), text.Replace(from, to, StringComparison.Ordinal));
        return run.Driver.ReplaceAdditionalText(run.Texts[file], edited);
    }

    // The files whose checks ran again: the model step's output was recomputed rather than taken from the cache.
    private static List<string> Rechecked(GeneratorRunResult result) =>
        [.. result.TrackedSteps[TaxoGenerator.Steps.Model]
            .SelectMany(s => s.Outputs)
            .Where(o => o.Reason != IncrementalStepRunReason.Cached)
            .Select(o => Name((FileModel)o.Value))
            .Order(StringComparer.Ordinal)];

    // The files whose generated source was written again.
    private static List<string> Regenerated(GeneratorRunResult result) =>
        [.. result.TrackedOutputSteps["SourceOutput"]
            .Where(s => s.Outputs.Any(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified))
            .SelectMany(s => s.Inputs)
            .Select(i => i.Source.Outputs[i.OutputIndex].Value)
            .OfType<FileModel>()
            .Select(Name)
            .Order(StringComparer.Ordinal)];

    private static string Name(FileModel model) => model.RelativePath;
}
