using System.Collections.Immutable;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Sources;

/// <summary>One loaded and parsed file of a source set: its tree, the files it imports and its diagnostics.</summary>
public sealed record SourceFile(
    string Path,
    SourceText? Source,
    SyntaxTree? Tree,
    ImmutableArray<string> Imports,
    ImmutableArray<Diagnostic> Diagnostics);
