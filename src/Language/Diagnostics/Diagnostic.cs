using TaxoNN.Language.Text;

namespace TaxoNN.Language.Diagnostics;

/// <summary>An immutable diagnostic: where (file and span), how bad, which code and what to do about it.</summary>
public sealed record Diagnostic(SourceText Source, TextSpan Span, DiagnosticSeverity Severity, string Code, string Message)
{
    /// <summary>The one-based line and column where the span starts.</summary>
    public LinePosition Position => Source.GetPosition(Span.Start);

    /// <summary>The one-line form <c>path(line,col): error TAXO0001: message</c>.</summary>
    public override string ToString()
    {
        var position = Position;
        return $"{Source.Path}({position.Line},{position.Column}): {SeverityText(Severity)} {Code}: {Message}";
    }

    /// <summary>The word printed for a severity.</summary>
    public static string SeverityText(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };
}
