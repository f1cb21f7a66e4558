using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Sources;
using TaxoNN.Language.Text;

namespace TaxoNN.Tests.Shared;

/// <summary>Serves sources from memory, so that generated files never touch the disk; imports name files by key.</summary>
public sealed class InMemorySourceProvider(IReadOnlyDictionary<string, string> files) : ISourceProvider
{
    /// <inheritdoc/>
    public SourceLoadResult Load(string path) => files.TryGetValue(path, out var text)
        ? new SourceLoadResult(new SourceText(path, text), [])
        : new SourceLoadResult(null, [DiagnosticBuilder.ForFile(new SourceText(path, string.Empty)).CannotReadFile("it is not in memory.")], NotFound: true);

    /// <inheritdoc/>
    public string Key(string path) => path;

    /// <inheritdoc/>
    public string Resolve(string importer, string import) => import;
}
