namespace TaxoNN.Language.Sources;

/// <summary>Where source files come from: the file system for the CLI, the project's AdditionalFiles for the generator.</summary>
public interface ISourceProvider
{
    /// <summary>Reads the file at <paramref name="path"/>, checking size and encoding.</summary>
    SourceLoadResult Load(string path);

    /// <summary>A key that is equal for two paths naming the same file, used to find import cycles.</summary>
    string Key(string path);

    /// <summary>The path of <paramref name="import"/> as written in the file at <paramref name="importer"/>.</summary>
    string Resolve(string importer, string import);
}
