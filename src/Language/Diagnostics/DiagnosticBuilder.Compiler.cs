using TaxoNN.Language.Text;
using D = TaxoNN.Language.Diagnostics.DiagnosticDescriptors;

namespace TaxoNN.Language.Diagnostics;

/// <content>Messages of the compiler's phases, one method per code.</content>
public readonly partial struct DiagnosticBuilder
{
    /// <summary>TAXO1010.</summary>
    public Diagnostic DuplicateDeclaration(string name, string kind, string otherKind, string otherLocation) =>
        Make(D.DuplicateDeclaration, $"'{name}' is declared as {Article(kind)} here and as {Article(otherKind)} at {otherLocation}; declarations in a file and its imports need distinct names.");

    /// <summary>TAXO1011.</summary>
    public Diagnostic UnknownDeclaration(string kind, string name, IReadOnlyCollection<string> known) =>
        Make(D.UnknownDeclaration, known.Count == 0
            ? $"No {kind} named '{name}' is declared in this file or the files it imports; declare one or import the file that does."
            : $"No {kind} named '{name}' is declared in this file or the files it imports.{Suggest(name, known)} Known: {string.Join(", ", known.Select(k => $"'{k}'"))}.");

    /// <summary>TAXO1012.</summary>
    public Diagnostic WrongDeclarationKind(string name, string expectedKind, string actualKind) =>
        Make(D.WrongDeclarationKind, $"'{name}' is {Article(actualKind)}, not {Article(expectedKind)}.");

    /// <summary>TAXO1013.</summary>
    public Diagnostic DuplicateLayer(string name, string network, LinePosition first) =>
        Make(D.DuplicateLayer, $"Network '{network}' already has a layer named '{name}' (line {first.Line}); give each layer its own name.");

    /// <summary>TAXO1014.</summary>
    public Diagnostic UnknownLayer(string name, string network, IReadOnlyCollection<string> layers) =>
        Make(D.UnknownLayer, $"Network '{network}' has no layer '{name}'.{Suggest(name, layers)} Its layers: {string.Join(", ", layers)}.");

    /// <summary>TAXO2001.</summary>
    public Diagnostic ShapeMismatch(string layer, string kind, string expected, string producer, string shape, string fix) =>
        Make(D.ShapeMismatch, $"'{layer}' ({kind}) expects {expected}, but {producer} produces {shape}; {fix}.");

    /// <summary>TAXO2002.</summary>
    public Diagnostic KernelTooLarge(string layer, string kernel, string input, string producer) =>
        Make(D.KernelTooLarge, $"'{layer}' has a {kernel} kernel, larger than its padded input {input} from {producer}; use a smaller kernel or more padding.");

    /// <summary>TAXO2003.</summary>
    public Diagnostic ShapeTooLarge(string what, string size, string limit) =>
        Make(D.ShapeTooLarge, $"{Capitalise(what)} would have {size} elements; TaxoNN handles at most {limit} per tensor. Use smaller sizes.");

    /// <summary>TAXO2004.</summary>
    public Diagnostic OutputMismatch(string network, string shape, string expected) =>
        Make(D.OutputMismatch, $"Network '{network}' outputs {shape}, but {expected}.");

    /// <summary>TAXO2005.</summary>
    public Diagnostic InputMismatch(string network, string shape, string dataset, string expected) =>
        Make(D.InputMismatch, $"Network '{network}' takes {shape}, but {dataset} provides {expected}; change 'input' to match.");

    /// <summary>TAXO2101.</summary>
    public Diagnostic WordBitsOutOfRange(string format, string where, int min, int max) =>
        Make(D.WordBitsOutOfRange, $"{format} for {where} has word bits outside {min}..{max}, the widths a training format may have (so an exact accumulator fits in 64 bits).");

    /// <summary>TAXO2102.</summary>
    public Diagnostic FractionBitsOutOfRange(string format, string where, int min, int max) =>
        Make(D.FractionBitsOutOfRange, $"{format} for {where} has fraction bits outside {min}..{max}, the range TaxoNN supports.");

    /// <summary>TAXO2103.</summary>
    public Diagnostic FormatNotExecutable(string format, string where, string accelerator, int min, int max) =>
        Make(D.FormatNotExecutable, $"{format} for {where} is {format.Split('(', ',')[1]} bits wide, but the PEs of accelerator '{accelerator}' execute {min} to {max} bits; change the format or the accelerator's 'pe_bits'.");

    /// <summary>TAXO2104.</summary>
    public Diagnostic AccumulatorTooNarrow(string op, int needed, string reason, string accelerator, int bits) =>
        Make(D.AccumulatorTooNarrow, $"The op '{op}' needs an accumulator of {needed} bits to be exact ({reason}), but accelerator '{accelerator}' has {bits}; widen 'accumulator' or narrow the formats.");

    /// <summary>TAXO2105.</summary>
    public Diagnostic NoTrainingExtensions(string training, string accelerator) =>
        Make(D.NoTrainingExtensions, $"Training '{training}' runs on accelerator '{accelerator}', which has no training extensions (an inference-only baseline); set 'training_extensions on' or choose another accelerator.");

    /// <summary>TAXO2006.</summary>
    public Diagnostic ChannelListMismatch(string setting, int count, int channels) =>
        Make(D.ChannelListMismatch, $"'{setting}' lists {count} values, but the input has {channels} channel{(channels == 1 ? string.Empty : "s")}; give one value, or one per channel.");

    private static string Article(string noun) => noun.Length > 0 && "aeiou".Contains(noun[0]) ? $"an {noun}" : $"a {noun}";
}
