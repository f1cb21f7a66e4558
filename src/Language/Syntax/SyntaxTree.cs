using System.Collections.Immutable;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>The result of parsing one file: the tree (always there), its comments and its syntax diagnostics.</summary>
public sealed record SyntaxTree(SourceText Source, FileSyntax Root, ImmutableArray<Comment> Comments, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
