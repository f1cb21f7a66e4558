namespace TaxoNN.Language.Diagnostics;

/// <summary>How bad a diagnostic is: errors fail a check, warnings and notes do not.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Information that explains another diagnostic.</summary>
    Note,

    /// <summary>Something suspicious that still compiles.</summary>
    Warning,

    /// <summary>A mistake that stops the file from being used.</summary>
    Error,
}
