using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TaxoNN.Tests.Shared;

namespace TaxoNN.SourceGen.Tests;

/// <summary>
/// Runs <see cref="TaxoGenerator"/> the way the compiler does: .taxo AdditionalFiles under a project folder, the
/// project's properties, and a C# compilation that references TaxoNN.Runtime, so that what it writes can be compiled.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The project folder the in-memory files live in; diagnostics name files under it.</summary>
    public const string ProjectFolder = "/project";

    /// <summary>The root namespace of the in-memory project.</summary>
    public const string Namespace = "Consumer";

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path)),
    ]);

    /// <summary>The framework and the TaxoNN libraries, which generated code may use.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>The full path of <paramref name="relative"/> in the project folder.</summary>
    public static string PathOf(string relative) => ProjectFolder + "/" + relative;

    /// <summary>A driver with the generator, the files (relative path to text) and the project's properties.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<KeyValuePair<string, string>> files) =>
        CreateDriver(files.Select(f => (AdditionalText)new InMemoryAdditionalText(PathOf(f.Key), f.Value)));

    /// <summary>A driver with the generator, the AdditionalFiles <paramref name="texts"/> and the project's properties.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> texts) =>
        CSharpGeneratorDriver.Create(
            [new TaxoGenerator().AsSourceGenerator()],
            [.. texts],
            CSharpParseOptions.Default,
            new TestOptionsProvider(new Dictionary<string, string>
            {
                ["build_property.RootNamespace"] = Namespace,
                ["build_property.MSBuildProjectDirectory"] = ProjectFolder,
            }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>A compilation of <paramref name="code"/> that references the framework and TaxoNN.</summary>
    public static CSharpCompilation Compilation(string code = "") =>
        CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default)],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // The SDK's defaults: unifying reference versions is expected on .NET.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    /// <summary>Runs the generator over <paramref name="files"/> and compiles the result with <paramref name="code"/>.</summary>
    public static (GeneratorDriverRunResult Run, Compilation Output) Run(IEnumerable<KeyValuePair<string, string>> files, string code = "")
    {
        var driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(Compilation(code), out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>Every .taxo file of the baseline case <paramref name="name"/>, by path relative to its folder.</summary>
    public static Dictionary<string, string> CaseFiles(string name)
    {
        var folder = Path.Combine(RepositoryPaths.Baselines, name);
        return Directory.GetFiles(folder, "*.taxo", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(path => Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllText);
    }

    /// <summary>A diagnostic printed as the CLI prints one, with paths relative to the project folder.</summary>
    public static string Print(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : diagnostic.Severity == DiagnosticSeverity.Warning ? "warning" : "note";
        var line = $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {severity} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        return line.Replace(ProjectFolder + "/", string.Empty, StringComparison.Ordinal);
    }
}
