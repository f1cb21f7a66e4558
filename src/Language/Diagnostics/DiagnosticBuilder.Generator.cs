using D = TaxoNN.Language.Diagnostics.DiagnosticDescriptors;

namespace TaxoNN.Language.Diagnostics;

/// <content>Messages of the C# source generator, one method per code.</content>
public readonly partial struct DiagnosticBuilder
{
    /// <summary>TAXO9001.</summary>
    public Diagnostic GeneratorFailed(string failure) =>
        Make(D.GeneratorFailed, $"The TaxoNN source generator failed on '{Shorten(source.Path, PathLength)}' ({Shorten(failure, PathLength)}); no C# was generated for it. This is a bug in TaxoNN: please report it with the file.");

    /// <summary>TAXO9002.</summary>
    public Diagnostic GeneratedNameConflict(string name, string member, string container) =>
        Make(D.GeneratedNameConflict, $"'{Shorten(name)}' would become the C# member '{Shorten(member)}' of the generated '{Shorten(container)}', which already has a member of that name; rename it.");

    /// <summary>TAXO9003.</summary>
    public Diagnostic ImportNotAdditionalFile(string path) =>
        Make(D.ImportNotAdditionalFile, $"The imported file '{Shorten(path, PathLength)}' is not among the project's AdditionalFiles, so the build cannot read it; add it as <AdditionalFiles Include=\"...\" /> in the project, or fix the path (paths are relative to the importing file).");
}
