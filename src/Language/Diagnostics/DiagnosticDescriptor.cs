namespace TaxoNN.Language.Diagnostics;

/// <summary>One diagnostic code: its number, default severity and a title for the docs. Codes are never reused.</summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title);
