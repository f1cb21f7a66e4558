namespace TaxoNN.Tests.Shared;

/// <summary>Finds folders of the repository from a test's output folder, so tests never name machine paths.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds TaxoNN.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The bundled examples.</summary>
    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>The baseline cases (STYLE.md item 7).</summary>
    public static string Baselines => Path.Combine(Root, "tests", "Baselines");

    /// <summary>The documentation.</summary>
    public static string Docs => Path.Combine(Root, "docs");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TaxoNN.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the TaxoNN repository.");
    }
}
