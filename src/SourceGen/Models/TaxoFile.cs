namespace TaxoNN.SourceGen.Models;

/// <summary>One .taxo AdditionalFile: its normalised full path and its text.</summary>
public sealed record TaxoFile(string Path, string Text);
