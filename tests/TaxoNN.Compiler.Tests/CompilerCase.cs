using TaxoNN.Tests.Shared;

namespace TaxoNN.Compiler.Tests;

/// <summary>One folder of tests/Baselines compiled as <c>taxo check</c> compiles it, from inside the folder.</summary>
public sealed class CompilerCase
{
    private static readonly Lock Gate = new();

    private CompilerCase(string name)
    {
        Name = name;
        Directory = Path.Combine(RepositoryPaths.Baselines, name);
    }

    /// <summary>The folder's name; names that contain "Invalid" expect diagnostics.</summary>
    public string Name { get; }

    /// <summary>The case folder.</summary>
    public string Directory { get; }

    /// <summary>Whether the case expects diagnostics.</summary>
    public bool IsInvalid => Name.Contains("Invalid", StringComparison.Ordinal);

    /// <summary>The names of every case folder, sorted.</summary>
    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateDirectories(RepositoryPaths.Baselines)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    /// <summary>The case called <paramref name="name"/>.</summary>
    public static CompilerCase Get(string name) => new(name);

    /// <summary>The path of a file in the case folder.</summary>
    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>The filter that reruns this case's tests of <paramref name="test"/>.</summary>
    public string Filter(string test) => $"FullyQualifiedName~TaxoNN.Compiler.Tests.{test}&DisplayName~%22{Name}%22";

    /// <summary>
    /// Compiles <c>main.taxo</c> from inside the case folder (so paths in diagnostics stay relative) and forces every
    /// lazy phase before the working directory is restored.
    /// </summary>
    public Compilation Compile(bool fuse = true)
    {
        lock (Gate)
        {
            var previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = Directory;
            try
            {
                var compilation = Compilation.Create(["main.taxo"], fuse: fuse);
                _ = compilation.Diagnostics;
                return compilation;
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }
        }
    }
}
