using TaxoNN.Tests.Shared;

namespace TaxoNN.Compiler.Tests;

/// <summary>One folder of tests/Baselines compiled as <c>taxo check</c> compiles it, from inside the folder.</summary>
public sealed class CompilerCase
{
    private CompilerCase(string name)
    {
        Name = name;
    }

    /// <summary>The folder's name; names that contain "Invalid" expect diagnostics.</summary>
    public string Name { get; }

    /// <summary>Whether the case expects diagnostics.</summary>
    public bool IsInvalid => BaselineFolders.IsInvalid(Name);

    /// <summary>The case called <paramref name="name"/>.</summary>
    public static CompilerCase Get(string name) => new(name);

    /// <summary>The path of a file in the case folder.</summary>
    public string PathOf(string file) => BaselineFolders.PathOf(Name, file);

    /// <summary>The filter that reruns this case's tests of <paramref name="test"/>.</summary>
    public string Filter(string test) => $"FullyQualifiedName~TaxoNN.Compiler.Tests.{test}&DisplayName~%22{Name}%22";

    /// <summary>Compiles <c>main.taxo</c> from inside the case folder, forcing every lazy phase while there.</summary>
    public Compilation Compile(bool fuse = true) => BaselineFolders.InFolder(Name, () =>
    {
        var compilation = Compilation.Create(["main.taxo"], fuse: fuse);
        _ = compilation.Diagnostics;
        return compilation;
    });
}
