namespace TaxoNN.SourceGen.Models;

/// <summary>A .taxo file with the imports it names, found by parsing it on its own.</summary>
public sealed record ScannedFile(TaxoFile File, EquatableArray<ImportReference> Imports);
