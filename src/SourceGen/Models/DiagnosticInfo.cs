using TaxoNN.Language.Diagnostics;

namespace TaxoNN.SourceGen.Models;

/// <summary>
/// A TAXO diagnostic as plain values (no Roslyn Location in the pipeline): file, span, and the zero-based line and
/// column of its start and end. It becomes a Roslyn diagnostic only when it is reported.
/// </summary>
public sealed record DiagnosticInfo(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    string Path,
    int Start,
    int Length,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn)
{
    /// <summary>The values of <paramref name="diagnostic"/>.</summary>
    public static DiagnosticInfo From(Diagnostic diagnostic)
    {
        var start = diagnostic.Source.GetPosition(diagnostic.Span.Start);
        var end = diagnostic.Source.GetPosition(diagnostic.Span.Start + diagnostic.Span.Length);
        return new DiagnosticInfo(
            diagnostic.Code,
            diagnostic.Severity,
            diagnostic.Message,
            diagnostic.Source.Path,
            diagnostic.Span.Start,
            diagnostic.Span.Length,
            start.Line - 1,
            start.Column - 1,
            end.Line - 1,
            end.Column - 1);
    }

    /// <summary>The one-line form the CLI prints, <c>path(line,col): error TAXO0001: message</c>.</summary>
    public override string ToString() =>
        $"{Path}({StartLine + 1},{StartColumn + 1}): {Diagnostic.SeverityText(Severity)} {Code}: {Message}";
}
