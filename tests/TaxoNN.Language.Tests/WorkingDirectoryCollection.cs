namespace TaxoNN.Language.Tests;

/// <summary>
/// Tests that change the process's working directory, so that baselines show paths relative to their case folder.
/// They run alone, after the parallel tests, because the working directory is shared by the whole process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkingDirectoryCollection
{
    /// <summary>The collection's name, for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "Working directory";
}
