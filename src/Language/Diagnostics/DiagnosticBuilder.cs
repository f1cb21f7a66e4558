using System.Globalization;
using TaxoNN.Language.Text;
using D = TaxoNN.Language.Diagnostics.DiagnosticDescriptors;

namespace TaxoNN.Language.Diagnostics;

/// <summary>
/// Makes every diagnostic of the language library, one method per code, so that messages stay consistent:
/// whole sentences that name the thing in quotes and say how to fix it.
/// </summary>
public readonly partial struct DiagnosticBuilder
{
    private const int PathLength = 200;

    private readonly SourceText source;
    private readonly TextSpan span;

    private DiagnosticBuilder(SourceText source, TextSpan span)
    {
        this.source = source;
        this.span = span;
    }

    /// <summary>Starts a diagnostic located at <paramref name="span"/> of <paramref name="source"/>.</summary>
    public static DiagnosticBuilder ForSpan(SourceText source, TextSpan span) => new(source, span);

    /// <summary>Starts a diagnostic about a whole file, located at its start.</summary>
    public static DiagnosticBuilder ForFile(SourceText source) => new(source, new TextSpan(0, 0));

    /// <summary>TAXO0001.</summary>
    public Diagnostic CannotReadFile(string reason) =>
        Make(D.CannotReadFile, $"Cannot read '{Shorten(source.Path, PathLength)}': {reason}");

    /// <summary>TAXO0002.</summary>
    public Diagnostic FileTooLarge(long bytes, long limit) =>
        Make(D.FileTooLarge, $"The file is {bytes.ToString(CultureInfo.InvariantCulture)} bytes; TaxoNN reads .taxo files of at most {limit / (1024 * 1024)} MiB. Split it into files that import each other.");

    /// <summary>TAXO0003.</summary>
    public Diagnostic InvalidUtf8(byte value) =>
        Make(D.InvalidUtf8, $"The file is not valid UTF-8: byte 0x{value:X2} cannot appear here. Save the file as UTF-8.");

    /// <summary>TAXO0004.</summary>
    public Diagnostic BinaryFile() =>
        Make(D.BinaryFile, "The file contains a NUL character, so it looks binary rather than a .taxo text; check that the right file was given.");

    /// <summary>TAXO0005.</summary>
    public Diagnostic TooManyDiagnostics(int shown) =>
        Make(D.TooManyDiagnostics, $"Stopped reporting after {shown} diagnostics in this file; fix these and check again.");

    /// <summary>TAXO0010.</summary>
    public Diagnostic UnexpectedCharacter(string text) =>
        Make(D.UnexpectedCharacter, text[0] is '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB'
            ? $"Unexpected character {DescribeCharacters(text)}; strings are written between straight double quotes, as in \"data/mnist\"."
            : $"Unexpected character {DescribeCharacters(text)}; it cannot start a name, number, string or symbol. Remove it, or put it inside a string or comment.");

    /// <summary>TAXO0011.</summary>
    public Diagnostic UnterminatedString() =>
        Make(D.UnterminatedString, "This string has no closing '\"' on its line; add the closing quote.");

    /// <summary>TAXO0012.</summary>
    public Diagnostic InvalidEscape(string escape) =>
        Make(D.InvalidEscape, $"Unknown escape sequence '{escape}' in a string; use \\\\, \\\", \\n, \\r or \\t.");

    /// <summary>TAXO0013.</summary>
    public Diagnostic UnterminatedComment() =>
        Make(D.UnterminatedComment, "This block comment has no closing '*/'; add it where the comment should end.");

    /// <summary>TAXO0014.</summary>
    public Diagnostic NumberTooLarge(string text) =>
        Make(D.NumberTooLarge, $"The number '{Shorten(text)}' does not fit in 64 bits; use a smaller number.");

    /// <summary>TAXO0015.</summary>
    public Diagnostic MalformedNumber(string text) =>
        Make(D.MalformedNumber, $"The number '{Shorten(text)}' is malformed: a '.' needs digits after it and an exponent needs digits, as in '1.5e-3'.");

    /// <summary>TAXO0016.</summary>
    public Diagnostic NestingTooDeep(int limit) =>
        Make(D.NestingTooDeep, $"Brackets are nested more than {limit} deep here; the nested part is skipped. Flatten the value.");

    /// <summary>TAXO0030.</summary>
    public Diagnostic ExpectedStatement(string found) =>
        Make(D.ExpectedStatement, $"Expected a statement that starts with a name, such as 'network LeNet5 {{' or 'clock 200 MHz', but found {found}.");

    /// <summary>TAXO0031.</summary>
    public Diagnostic ExpectedValue(string after, string found) =>
        Make(D.ExpectedValue, $"Expected a value after {after}, but found {found}; write a number, name, string, list or block.");

    /// <summary>TAXO0032.</summary>
    public Diagnostic ExpectedEndOfStatement(string found) =>
        Make(D.ExpectedEndOfStatement, $"Unexpected {found} after the end of the statement; start each statement on its own line or separate them with ';'.");

    /// <summary>TAXO0033.</summary>
    public Diagnostic MissingCloseParenthesis(string found) =>
        Make(D.MissingCloseParenthesis, $"Expected ',' or ')' in the argument list, but found {found}; close the list with ')'.");

    /// <summary>TAXO0034.</summary>
    public Diagnostic MissingCloseBracket(string found) =>
        Make(D.MissingCloseBracket, $"Expected ',' or ']' in the list, but found {found}; close the list with ']'.");

    /// <summary>TAXO0035.</summary>
    public Diagnostic MissingCloseBrace() =>
        Make(D.MissingCloseBrace, "This '{' is never closed; add a '}' where the block ends.");

    /// <summary>TAXO0036.</summary>
    public Diagnostic ExpectedName(string after, string found) =>
        Make(D.ExpectedName, $"Expected a name after {after}, but found {found}.");

    /// <summary>TAXO0037.</summary>
    public Diagnostic UnmatchedCloser(string found) =>
        Make(D.UnmatchedCloser, $"Unexpected {found}: nothing is open here that it could close. Remove it or add the opening bracket.");

    /// <summary>TAXO0038.</summary>
    public Diagnostic ExpectedNumber(string after, string found) =>
        Make(D.ExpectedNumber, $"Expected a number after {after}, but found {found}.");

    /// <summary>TAXO0100.</summary>
    public Diagnostic UnknownStatement(string name, string where, IReadOnlyCollection<string> known) =>
        Make(D.UnknownStatement, $"'{Shorten(name)}' is not known in {where}.{Suggest(name, known)} Expected one of: {string.Join(", ", known.Select(k => $"'{k}'"))}.");

    /// <summary>TAXO0101.</summary>
    public Diagnostic DuplicateStatement(string name, string where, LinePosition first) =>
        Make(D.DuplicateStatement, $"'{Shorten(name)}' is given twice in {where}; the first is at line {first.Line}. Keep one of them.");

    /// <summary>TAXO0102.</summary>
    public Diagnostic MissingStatement(string name, string where, string example) =>
        Make(D.MissingStatement, $"{Capitalise(where)} needs {(name.Contains(' ', StringComparison.Ordinal) ? name : $"'{name}'")}; add a line such as '{example}'.");

    /// <summary>TAXO0103.</summary>
    public Diagnostic WrongValueKind(string name, string expected, string found) =>
        Make(D.WrongValueKind, $"'{name}' expects {expected}, but found {found}.");

    /// <summary>TAXO0104.</summary>
    public Diagnostic WrongUnitKind(string name, string expectedKind, string units, string unit, string unitKind) =>
        Make(D.WrongUnitKind, $"'{name}' expects {expectedKind} ({units}), but '{unit}' is {unitKind}.");

    /// <summary>TAXO0105.</summary>
    public Diagnostic UnknownUnit(string unit, IReadOnlyCollection<string> known) =>
        Make(D.UnknownUnit, $"Unknown unit '{Shorten(unit)}'.{Suggest(unit, known)} Known units: {string.Join(", ", known)}.");

    /// <summary>TAXO0106.</summary>
    public Diagnostic MissingUnit(string name, string expectedKind, string example) =>
        Make(D.MissingUnit, $"'{name}' is {expectedKind} and needs a unit, as in '{example}'.");

    /// <summary>TAXO0107.</summary>
    public Diagnostic UnknownLayerKind(string kind, IReadOnlyCollection<string> known) =>
        Make(D.UnknownLayerKind, $"'{Shorten(kind)}' is not a layer kind.{Suggest(kind, known)} Layer kinds: {string.Join(", ", known)}.");

    /// <summary>TAXO0108.</summary>
    public Diagnostic UnknownArgument(string argument, string callee, IReadOnlyCollection<string> known) =>
        Make(D.UnknownArgument, known.Count == 0
            ? $"'{callee}' takes no arguments, but '{Shorten(argument)}' was given; remove it."
            : $"'{callee}' has no argument '{Shorten(argument)}'.{Suggest(argument, known)} Its arguments: {string.Join(", ", known)}.");

    /// <summary>TAXO0109.</summary>
    public Diagnostic MissingArgument(string argument, string callee, string example) =>
        Make(D.MissingArgument, $"'{callee}' needs the argument '{argument}', as in '{example}'.");

    /// <summary>TAXO0110.</summary>
    public Diagnostic DuplicateArgument(string argument, string callee) =>
        Make(D.DuplicateArgument, $"The argument '{Shorten(argument)}' is given twice to '{callee}'; keep one.");

    /// <summary>TAXO0111.</summary>
    public Diagnostic ValueOutOfRange(string name, string value, string range) =>
        Make(D.ValueOutOfRange, $"'{name}' is {Shorten(value)}, but it must be {range}.");

    /// <summary>TAXO0112.</summary>
    public Diagnostic UnexpectedLabel(string label, string keyword) =>
        Make(D.UnexpectedLabel, $"The label '{Shorten(label)}:' is only for layers in a network; remove it from '{keyword}'.");

    /// <summary>TAXO0114.</summary>
    public Diagnostic MissingLabel(string kind) =>
        Make(D.MissingLabel, $"Every layer needs a name that the rest of the file can refer to; write it before the kind, as in 'c1: {kind}'.");

    /// <summary>TAXO0115.</summary>
    public Diagnostic EnergyUnitsMixed(string level) =>
        Make(D.EnergyUnitsMixed, $"'{level}' is given in joules, but 'mac' is relative, so the two cannot be added up; give 'mac' in pJ too (the other entries are then multiples of it), or give '{level}' relative to one MAC.");

    /// <summary>TAXO1001.</summary>
    public Diagnostic ImportNotFound(string path) =>
        Make(D.ImportNotFound, $"The imported file '{Shorten(path, PathLength)}' does not exist; paths are relative to the importing file.");

    /// <summary>TAXO1002.</summary>
    public Diagnostic ImportCycle(IReadOnlyList<string> cycle) =>
        Make(D.ImportCycle, $"Files import each other in a cycle: {string.Join(" -> ", cycle.Select(p => $"'{Shorten(p, PathLength)}'"))}; remove one of these imports.");

    /// <summary>TAXO1003; <paramref name="code"/> is the code of the error reported in the imported file, which says why.</summary>
    public Diagnostic ImportUnreadable(string path, string code) =>
        Make(D.ImportUnreadable, $"The imported file '{Shorten(path, PathLength)}' cannot be read; the {code} error reported for it says why. Fix that file or the path.");

    private Diagnostic Make(DiagnosticDescriptor descriptor, string message) =>
        new(source, span, descriptor.Severity, descriptor.Code, message);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Shortens what the user wrote to at most <paramref name="length"/> characters, so that a 100,000-character
    /// name cannot make a 100,000-character message.</summary>
    internal static string Shorten(string text, int length = 40) => text.Length <= length ? text : text[..(length - 3)] + "...";

    private static string DescribeCharacters(string text)
    {
        // A lone surrogate (possible in text handed to the parser directly) is described by its code unit alone.
        var width = char.IsSurrogatePair(text, 0) ? 2 : 1;
        var first = width == 2 ? char.ConvertToUtf32(text, 0) : text[0];
        var shown = char.IsControl(text[0]) || char.IsWhiteSpace(text[0]) || (char.IsSurrogate(text[0]) && width == 1)
            ? string.Empty
            : $"'{text[..width]}' ";
        return text.Length > width
            ? $"{shown}(U+{first:X4}) and the {text.Length - width} code units after it"
            : $"{shown}(U+{first:X4})";
    }

    private static string Suggest(string name, IReadOnlyCollection<string> known)
    {
        var best = Spelling.Closest(name, known);
        return best is null ? string.Empty : $" Did you mean '{best}'?";
    }
}
