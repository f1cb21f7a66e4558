namespace TaxoNN.Compiler.Semantics;

/// <summary>
/// One value of a sweep axis. <see cref="Text"/> is its canonical spelling (what manifests and ids use);
/// <see cref="Number"/> is a number in the base unit of its kind (bytes, words/cycle, Hz, a word width), or the rows of a
/// PE array with <see cref="Columns"/>; <see cref="Format"/> and <see cref="Rounding"/> are set for formats and roundings.
/// </summary>
public sealed record SweepValue(
    string Text,
    double Number,
    int Columns,
    FixedFormat? Format,
    RoundingMode? Rounding,
    SourceLocation Location);
