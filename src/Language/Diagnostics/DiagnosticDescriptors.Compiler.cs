namespace TaxoNN.Language.Diagnostics;

/// <content>Codes of the compiler's phases: 10xx names, 20xx shapes, 21xx precision and hardware fit.</content>
public static partial class DiagnosticDescriptors
{
    /// <summary>TAXO1010.</summary>
    public static readonly DiagnosticDescriptor DuplicateDeclaration = Error("TAXO1010", "Two declarations with one name");

    /// <summary>TAXO1011.</summary>
    public static readonly DiagnosticDescriptor UnknownDeclaration = Error("TAXO1011", "A name that no declaration of that kind has");

    /// <summary>TAXO1012.</summary>
    public static readonly DiagnosticDescriptor WrongDeclarationKind = Error("TAXO1012", "A name that refers to a declaration of another kind");

    /// <summary>TAXO1013.</summary>
    public static readonly DiagnosticDescriptor DuplicateLayer = Error("TAXO1013", "Two layers with one name in a network");

    /// <summary>TAXO1014.</summary>
    public static readonly DiagnosticDescriptor UnknownLayer = Error("TAXO1014", "A precision rule for a layer the network does not have");

    /// <summary>TAXO2001.</summary>
    public static readonly DiagnosticDescriptor ShapeMismatch = Error("TAXO2001", "A layer that cannot take the shape the previous layer produces");

    /// <summary>TAXO2002.</summary>
    public static readonly DiagnosticDescriptor KernelTooLarge = Error("TAXO2002", "A kernel larger than its padded input");

    /// <summary>TAXO2003.</summary>
    public static readonly DiagnosticDescriptor ShapeTooLarge = Error("TAXO2003", "A tensor too large to simulate");

    /// <summary>TAXO2004.</summary>
    public static readonly DiagnosticDescriptor OutputMismatch = Error("TAXO2004", "A network output that does not match its loss or data set");

    /// <summary>TAXO2005.</summary>
    public static readonly DiagnosticDescriptor InputMismatch = Error("TAXO2005", "A network input that does not match the data set");

    /// <summary>TAXO2101.</summary>
    public static readonly DiagnosticDescriptor WordBitsOutOfRange = Error("TAXO2101", "A training format with too few or too many word bits");

    /// <summary>TAXO2102.</summary>
    public static readonly DiagnosticDescriptor FractionBitsOutOfRange = Error("TAXO2102", "A format with fraction bits outside the supported range");

    /// <summary>TAXO2103.</summary>
    public static readonly DiagnosticDescriptor FormatNotExecutable = Error("TAXO2103", "A format the accelerator's PEs cannot execute");

    /// <summary>TAXO2104.</summary>
    public static readonly DiagnosticDescriptor AccumulatorTooNarrow = Error("TAXO2104", "An accumulator too narrow for an op to be exact");

    /// <summary>TAXO2105.</summary>
    public static readonly DiagnosticDescriptor NoTrainingExtensions = Error("TAXO2105", "Training on an accelerator without the training extensions");

    /// <summary>TAXO2006.</summary>
    public static readonly DiagnosticDescriptor ChannelListMismatch = Error("TAXO2006", "A per-channel list whose length is not the input's channel count");

    /// <summary>The codes the compiler reports (binding, shapes, precision, lowering, mapping: TAXO1010 to TAXO4999).</summary>
    public static IReadOnlyList<DiagnosticDescriptor> CompilerPhase => InRange("TAXO1010", "TAXO5000");

    /// <summary>The codes of the runtime: training, data and weights files (TAXO5000 to TAXO8999).</summary>
    public static IReadOnlyList<DiagnosticDescriptor> RuntimePhase => InRange("TAXO5000", "TAXO9000");

    /// <summary>The codes of reading and checking single files (below TAXO1010), which the language library reports.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> LanguagePhase => InRange("TAXO0000", "TAXO1010");

    private static DiagnosticDescriptor[] InRange(string from, string before) =>
        All.Where(d => string.CompareOrdinal(d.Code, from) >= 0 && string.CompareOrdinal(d.Code, before) < 0).ToArray();
}
