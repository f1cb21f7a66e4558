using System.Text;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Sources;
using TaxoNN.Language.Text;
using TaxoNN.SourceGen.Models;

namespace TaxoNN.SourceGen.Pipeline;

/// <summary>
/// Serves the texts of a file's closure to <see cref="SourceSet"/>: a generator reads AdditionalFiles, never the disk,
/// so any other path is not found (the model builder reports that at the import as TAXO9003).
/// </summary>
internal sealed class AdditionalFileSourceProvider : ISourceProvider
{
    private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);

    /// <summary>Serves the root of <paramref name="closure"/> and the files it imports.</summary>
    public AdditionalFileSourceProvider(FileClosure closure)
    {
        texts[closure.Root.File.Path] = closure.Root.File.Text;
        foreach (var file in closure.Imported)
        {
            texts[file.File.Path] = file.File.Text;
        }
    }

    /// <inheritdoc/>
    public SourceLoadResult Load(string path)
    {
        if (!texts.TryGetValue(path, out var text))
        {
            var empty = new SourceText(path, string.Empty);
            return new SourceLoadResult(null, [DiagnosticBuilder.ForFile(empty).CannotReadFile("it is not among the project's AdditionalFiles.")], NotFound: true);
        }

        // The same size and NUL checks as files read from disk; the compiler has already decoded the text.
        return SourceDecoder.Decode(path, Encoding.UTF8.GetBytes(text));
    }

    /// <inheritdoc/>
    public string Key(string path) => path;

    /// <inheritdoc/>
    public string Resolve(string importer, string import) => GeneratorPaths.Resolve(importer, import);
}
