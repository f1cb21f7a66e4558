using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Sources;
using TaxoNN.Language.Syntax;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Language.Tests;

/// <summary>
/// The baseline cases of tests/Baselines (STYLE.md item 7): each folder's <c>main.taxo</c> with its printed tree
/// (<c>main.syntax.txt</c>) and every diagnostic of it and its imports (<c>main.diagnostics.txt</c>).
/// </summary>
[Collection(WorkingDirectoryCollection.Name)]
public sealed class BaselineTests
{
    public static TheoryData<string> Cases => new(BaselineCase.Names);

    public static TheoryData<string> Examples => new(ExampleFiles);

    private static IEnumerable<string> ExampleFiles =>
        Directory.EnumerateFiles(RepositoryPaths.Examples, "*.taxo").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Syntax(string name)
    {
        var testCase = BaselineCase.Get(name);
        var root = testCase.Load().Files[0];
        var expected = testCase.PathOf("main.syntax.txt");
        if (root.Tree is null)
        {
            // Only a file that cannot be read has no tree, and that is always an error.
            Assert.True(testCase.IsInvalid, $"'{name}' has no syntax tree, so its folder name must contain 'Invalid'.");
            if (Baseline.Accepting)
            {
                File.Delete(expected);
            }

            Assert.False(File.Exists(expected), $"'{name}' has no syntax tree; delete its stale main.syntax.txt.");
            return;
        }

        Baseline.Match(SyntaxPrinter.Print(root.Tree), expected, testCase.Filter);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostics(string name)
    {
        var testCase = BaselineCase.Get(name);
        var set = testCase.Load();
        var diagnostics = set.Diagnostics.ToList();
        foreach (var diagnostic in diagnostics)
        {
            Assert.True(diagnostic.Span.IsInside(diagnostic.Source.Length), $"{diagnostic} has the span {diagnostic.Span} outside its file.");
            Assert.False(Path.IsPathRooted(diagnostic.Source.Path), $"{diagnostic} names an absolute path.");
        }

        if (!testCase.IsInvalid)
        {
            Assert.Empty(diagnostics);
        }

        // main.diagnostics.txt holds what 'taxo check' reports: these diagnostics of reading the files, then the
        // compiler's. The compiler's tests own the file (and accept it); here the lines with codes of this library
        // must be exactly what SourceSet reports, in order.
        var compilerCodes = DiagnosticDescriptors.CompilerPhase.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var path = testCase.PathOf("main.diagnostics.txt");
        var expected = File.Exists(path)
            ? File.ReadLines(path).Where(line => BaselineFolders.CodeOf(line) is not { } code || !compilerCodes.Contains(code))
            : [];
        Assert.Equal(expected, diagnostics.Select(d => d.ToString()));
        Assert.True(File.Exists(path) || diagnostics.Count == 0, $"'{name}' has no main.diagnostics.txt; accept the compiler's baselines.");
    }

    // Each example is copied into its own case folder, with the files it imports, so that its baselines follow the
    // common layout; this test keeps the copies identical to the examples.
    [Theory]
    [MemberData(nameof(Examples))]
    public void ExampleCopy(string example)
    {
        var source = Path.Combine(RepositoryPaths.Examples, example);
        var folder = Path.Combine(RepositoryPaths.Baselines, ExampleCaseName(example));
        var filter = $"FullyQualifiedName~TaxoNN.Language.Tests.BaselineTests.ExampleCopy&DisplayName~%22{example}%22";
        Baseline.Match(File.ReadAllText(source), Path.Combine(folder, "main.taxo"), filter);
        foreach (var imported in SourceSet.Load([source], FileSystemSourceProvider.Instance).Files.Skip(1))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Examples, imported.Path);
            Baseline.Match(File.ReadAllText(imported.Path), Path.Combine(folder, relative), filter);
        }
    }

    [Fact]
    public void EveryExampleHasACase()
    {
        Assert.NotEmpty(ExampleFiles);
        foreach (var example in ExampleFiles)
        {
            Assert.Contains(ExampleCaseName(example), BaselineCase.Names);
        }
    }

    [Fact]
    public void InvalidCasesAndBadInputTestsCoverEveryCode()
    {
        var covered = BaselineFolders.CodesOfInvalidCases()
            .Concat(BadInputTests.CoveredCodes)
            .ToHashSet(StringComparer.Ordinal);
        // The compiler's codes need binding across declarations, the runtime's data files: their tests cover them.
        var all = DiagnosticDescriptors.LanguagePhase.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(all.Except(covered).Order(StringComparer.Ordinal));
        Assert.Empty(covered.Except(DiagnosticDescriptors.All.Select(d => d.Code)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ThereAreAtLeastThirtyInvalidCases() =>
        Assert.True(BaselineCase.Names.Count(n => n.Contains("Invalid", StringComparison.Ordinal)) >= 30);

    // "lenet5-mnist.taxo" -> "ExampleLenet5Mnist".
    private static string ExampleCaseName(string example) =>
        "Example" + string.Concat(Path.GetFileNameWithoutExtension(example).Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
