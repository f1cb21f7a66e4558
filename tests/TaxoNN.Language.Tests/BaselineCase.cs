using TaxoNN.Language.Sources;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Language.Tests;

/// <summary>One folder of tests/Baselines: its <c>main.taxo</c> loaded with every file it imports.</summary>
public sealed class BaselineCase
{
    private BaselineCase(string name)
    {
        Name = name;
        Directory = Path.Combine(RepositoryPaths.Baselines, name);
    }

    /// <summary>The folder's name; names that contain "Invalid" expect diagnostics.</summary>
    public string Name { get; }

    /// <summary>The case folder.</summary>
    public string Directory { get; }

    /// <summary>Whether the case expects diagnostics.</summary>
    public bool IsInvalid => BaselineFolders.IsInvalid(Name);

    /// <summary>The names of every case folder, sorted.</summary>
    public static IEnumerable<string> Names => BaselineFolders.Names;

    /// <summary>The case called <paramref name="name"/>.</summary>
    public static BaselineCase Get(string name) => new(name);

    /// <summary>The path of a file in the case folder.</summary>
    public string PathOf(string file) => BaselineFolders.PathOf(Name, file);

    /// <summary>
    /// Loads <c>main.taxo</c> from inside the case folder, so that every path in a diagnostic is relative to it and
    /// no machine path reaches a baseline.
    /// </summary>
    public SourceSet Load() => BaselineFolders.InFolder(Name, () => SourceSet.Load(["main.taxo"], FileSystemSourceProvider.Instance));

    /// <summary>The <c>dotnet test --filter</c> that reruns the baseline tests of this case.</summary>
    /// <remarks>
    /// The display name holds the case in quotes; quoting it keeps "InvalidX" from also matching "InvalidXY". dotnet
    /// test drops a literal '"' from a filter, but passes MSBuild's escape %22 through as one.
    /// </remarks>
    public string Filter => $"FullyQualifiedName~TaxoNN.Language.Tests.BaselineTests&DisplayName~%22{Name}%22";
}
