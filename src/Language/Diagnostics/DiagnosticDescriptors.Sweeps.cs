namespace TaxoNN.Language.Diagnostics;

/// <content>Codes of sweep declarations (22xx): values a point cannot train with, and grids that cannot be planned.</content>
public static partial class DiagnosticDescriptors
{
    /// <summary>TAXO2201.</summary>
    public static readonly DiagnosticDescriptor SweptFormatInvalid = Error("TAXO2201", "A swept width or format that a point cannot train with");

    /// <summary>TAXO2202.</summary>
    public static readonly DiagnosticDescriptor SweptPassWithoutWeights = Error("TAXO2202", "A swept weight pass of a layer without weights");

    /// <summary>TAXO2203.</summary>
    public static readonly DiagnosticDescriptor SweepTooLarge = Error("TAXO2203", "A sweep with more points than a plan holds");

    /// <summary>TAXO2204.</summary>
    public static readonly DiagnosticDescriptor DuplicateSweepValue = Error("TAXO2204", "An axis that lists one value twice");

    /// <summary>TAXO2205.</summary>
    public static readonly DiagnosticDescriptor BudgetWithoutMisclassification = Error("TAXO2205", "An accuracy budget without the misclassification metric");
}
