namespace TaxoNN.Language.Diagnostics;

/// <summary>
/// Every diagnostic code the language library reports. Ranges by phase: 00xx input and syntax, 01xx the structure
/// of statements and values, 10xx names and imports. Codes are never reused; docs/diagnostics.md lists each one.
/// </summary>
public static partial class DiagnosticDescriptors
{
    /// <summary>TAXO0001.</summary>
    public static readonly DiagnosticDescriptor CannotReadFile = Error("TAXO0001", "The file cannot be read");

    /// <summary>TAXO0002.</summary>
    public static readonly DiagnosticDescriptor FileTooLarge = Error("TAXO0002", "The file is larger than the maximum input size");

    /// <summary>TAXO0003.</summary>
    public static readonly DiagnosticDescriptor InvalidUtf8 = Error("TAXO0003", "The file is not valid UTF-8");

    /// <summary>TAXO0004.</summary>
    public static readonly DiagnosticDescriptor BinaryFile = Error("TAXO0004", "The file contains NUL characters and looks binary");

    /// <summary>TAXO0005.</summary>
    public static readonly DiagnosticDescriptor TooManyDiagnostics = Note("TAXO0005", "Too many diagnostics; the rest are not shown");

    /// <summary>TAXO0010.</summary>
    public static readonly DiagnosticDescriptor UnexpectedCharacter = Error("TAXO0010", "A character that cannot start any token");

    /// <summary>TAXO0011.</summary>
    public static readonly DiagnosticDescriptor UnterminatedString = Error("TAXO0011", "A string without its closing quote");

    /// <summary>TAXO0012.</summary>
    public static readonly DiagnosticDescriptor InvalidEscape = Error("TAXO0012", "An unknown escape sequence in a string");

    /// <summary>TAXO0013.</summary>
    public static readonly DiagnosticDescriptor UnterminatedComment = Error("TAXO0013", "A block comment without its closing '*/'");

    /// <summary>TAXO0014.</summary>
    public static readonly DiagnosticDescriptor NumberTooLarge = Error("TAXO0014", "A number beyond the range of 64 bits");

    /// <summary>TAXO0015.</summary>
    public static readonly DiagnosticDescriptor MalformedNumber = Error("TAXO0015", "A number with a malformed fraction or exponent");

    /// <summary>TAXO0016.</summary>
    public static readonly DiagnosticDescriptor NestingTooDeep = Error("TAXO0016", "Brackets nested deeper than the parser allows");

    /// <summary>TAXO0030.</summary>
    public static readonly DiagnosticDescriptor ExpectedStatement = Error("TAXO0030", "Something that cannot start a statement");

    /// <summary>TAXO0031.</summary>
    public static readonly DiagnosticDescriptor ExpectedValue = Error("TAXO0031", "A value is missing");

    /// <summary>TAXO0032.</summary>
    public static readonly DiagnosticDescriptor ExpectedEndOfStatement = Error("TAXO0032", "More tokens after the end of a statement");

    /// <summary>TAXO0033.</summary>
    public static readonly DiagnosticDescriptor MissingCloseParenthesis = Error("TAXO0033", "An argument list without its closing ')'");

    /// <summary>TAXO0034.</summary>
    public static readonly DiagnosticDescriptor MissingCloseBracket = Error("TAXO0034", "A list without its closing ']'");

    /// <summary>TAXO0035.</summary>
    public static readonly DiagnosticDescriptor MissingCloseBrace = Error("TAXO0035", "A block without its closing '}'");

    /// <summary>TAXO0036.</summary>
    public static readonly DiagnosticDescriptor ExpectedName = Error("TAXO0036", "A name is missing");

    /// <summary>TAXO0037.</summary>
    public static readonly DiagnosticDescriptor UnmatchedCloser = Error("TAXO0037", "A closing bracket without an opening one");

    /// <summary>TAXO0038.</summary>
    public static readonly DiagnosticDescriptor ExpectedNumber = Error("TAXO0038", "A number is missing");

    /// <summary>TAXO0100.</summary>
    public static readonly DiagnosticDescriptor UnknownStatement = Error("TAXO0100", "A statement that is not known in its block");

    /// <summary>TAXO0101.</summary>
    public static readonly DiagnosticDescriptor DuplicateStatement = Error("TAXO0101", "A setting given twice in one block");

    /// <summary>TAXO0102.</summary>
    public static readonly DiagnosticDescriptor MissingStatement = Error("TAXO0102", "A required setting is missing");

    /// <summary>TAXO0103.</summary>
    public static readonly DiagnosticDescriptor WrongValueKind = Error("TAXO0103", "A value of the wrong kind");

    /// <summary>TAXO0104.</summary>
    public static readonly DiagnosticDescriptor WrongUnitKind = Error("TAXO0104", "A unit of the wrong kind");

    /// <summary>TAXO0105.</summary>
    public static readonly DiagnosticDescriptor UnknownUnit = Error("TAXO0105", "A unit that is not known");

    /// <summary>TAXO0106.</summary>
    public static readonly DiagnosticDescriptor MissingUnit = Error("TAXO0106", "A number that needs a unit has none");

    /// <summary>TAXO0107.</summary>
    public static readonly DiagnosticDescriptor UnknownLayerKind = Error("TAXO0107", "A layer kind that is not known");

    /// <summary>TAXO0108.</summary>
    public static readonly DiagnosticDescriptor UnknownArgument = Error("TAXO0108", "An argument that the callee does not take");

    /// <summary>TAXO0109.</summary>
    public static readonly DiagnosticDescriptor MissingArgument = Error("TAXO0109", "A required argument is missing");

    /// <summary>TAXO0110.</summary>
    public static readonly DiagnosticDescriptor DuplicateArgument = Error("TAXO0110", "An argument given twice");

    /// <summary>TAXO0111.</summary>
    public static readonly DiagnosticDescriptor ValueOutOfRange = Error("TAXO0111", "A value outside its allowed range");

    /// <summary>TAXO0112.</summary>
    public static readonly DiagnosticDescriptor UnexpectedLabel = Error("TAXO0112", "A label on a statement that takes none");

    /// <summary>TAXO0114.</summary>
    public static readonly DiagnosticDescriptor MissingLabel = Error("TAXO0114", "A layer without its name");

    /// <summary>TAXO0115.</summary>
    public static readonly DiagnosticDescriptor EnergyUnitsMixed = Error("TAXO0115", "An energy table with absolute entries but a relative MAC");

    /// <summary>TAXO1001.</summary>
    public static readonly DiagnosticDescriptor ImportNotFound = Error("TAXO1001", "An imported file that does not exist");

    /// <summary>TAXO1002.</summary>
    public static readonly DiagnosticDescriptor ImportCycle = Error("TAXO1002", "Files that import each other in a cycle");

    /// <summary>TAXO1003.</summary>
    public static readonly DiagnosticDescriptor ImportUnreadable = Error("TAXO1003", "An imported file that cannot be read");

    // Lazy: field initialisers of the partial files run in no guaranteed order, so reflect only on first use.
    private static IReadOnlyList<DiagnosticDescriptor>? all;

    /// <summary>Every descriptor of every phase, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => all ??=
        typeof(DiagnosticDescriptors).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(descriptor => descriptor.Code, StringComparer.Ordinal)
            .ToArray();

    private static DiagnosticDescriptor Error(string code, string title) => new(code, DiagnosticSeverity.Error, title);

    private static DiagnosticDescriptor Note(string code, string title) => new(code, DiagnosticSeverity.Note, title);
}
