namespace TaxoNN.Language.Diagnostics;

/// <content>Codes of the cycle-accurate simulator (TAXO6000 to TAXO6099).</content>
public static partial class DiagnosticDescriptors
{
    /// <summary>TAXO6001.</summary>
    public static readonly DiagnosticDescriptor ScheduleDoesNotFit = Error("TAXO6001", "A mapping that does not fit the PE array");

    /// <summary>TAXO6002.</summary>
    public static readonly DiagnosticDescriptor RegisterFileTooSmall = Error("TAXO6002", "A register file too small for the mapping");

    /// <summary>TAXO6003.</summary>
    public static readonly DiagnosticDescriptor CycleBudgetExceeded = Error("TAXO6003", "A step that takes more cycles than the budget");

    /// <summary>TAXO6004.</summary>
    public static readonly DiagnosticDescriptor OpNeedsTrainingPe = Error("TAXO6004", "A training op on inference-only PEs");
}
