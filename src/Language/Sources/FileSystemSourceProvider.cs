using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Parsing;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Sources;

/// <summary>Reads sources from the file system; paths print as given, imports resolve beside the importing file.</summary>
public sealed class FileSystemSourceProvider : ISourceProvider
{
    /// <summary>One shared instance; the provider has no state.</summary>
    public static FileSystemSourceProvider Instance { get; } = new();

    /// <inheritdoc/>
    public SourceLoadResult Load(string path)
    {
        var empty = new SourceText(path, string.Empty);
        try
        {
            if (Directory.Exists(path))
            {
                return new SourceLoadResult(null, [DiagnosticBuilder.ForFile(empty).CannotReadFile("it is a directory, not a file.")]);
            }

            if (!File.Exists(path))
            {
                return new SourceLoadResult(null, [DiagnosticBuilder.ForFile(empty).CannotReadFile("the file does not exist.")], NotFound: true);
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.CanSeek && stream.Length > SyntaxParser.MaxInputBytes)
            {
                return new SourceLoadResult(null, [DiagnosticBuilder.ForFile(empty).FileTooLarge(stream.Length, SyntaxParser.MaxInputBytes)]);
            }

            // Read at most one byte past the limit, so that a growing or special file cannot exhaust memory.
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > SyntaxParser.MaxInputBytes)
                {
                    return new SourceLoadResult(null, [DiagnosticBuilder.ForFile(empty).FileTooLarge(buffer.Length, SyntaxParser.MaxInputBytes)]);
                }
            }

            return SourceDecoder.Decode(path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new SourceLoadResult(null, [DiagnosticBuilder.ForFile(empty).CannotReadFile(e.Message)]);
        }
    }

    /// <inheritdoc/>
    public string Key(string path) => Path.GetFullPath(path);

    /// <inheritdoc/>
    public string Resolve(string importer, string import)
    {
        if (Path.IsPathRooted(import))
        {
            return import;
        }

        var directory = Path.GetDirectoryName(importer);
        return string.IsNullOrEmpty(directory) ? import : Path.Combine(directory, import);
    }
}
