namespace TaxoNN.Language.Diagnostics;

/// <content>Codes of the C# source generator (9xxx): its own failures and what it cannot turn into C#.</content>
public static partial class DiagnosticDescriptors
{
    /// <summary>TAXO9001.</summary>
    public static readonly DiagnosticDescriptor GeneratorFailed = Error("TAXO9001", "The source generator failed on a file");

    /// <summary>TAXO9002.</summary>
    public static readonly DiagnosticDescriptor GeneratedNameConflict = Error("TAXO9002", "A name that would become a C# member the generated class already has");

    /// <summary>TAXO9003.</summary>
    public static readonly DiagnosticDescriptor ImportNotAdditionalFile = Error("TAXO9003", "An imported file that is not among the project's AdditionalFiles");

    /// <summary>The codes of the source generator (TAXO9000 and above).</summary>
    public static IReadOnlyList<DiagnosticDescriptor> GeneratorPhase => InRange("TAXO9000", "TAXP");
}
