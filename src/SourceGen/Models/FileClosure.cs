namespace TaxoNN.SourceGen.Models;

/// <summary>
/// A file and every AdditionalFile it imports, directly or not: all that its checks and its generated code depend on,
/// so that an edit to any other file leaves it equal.
/// </summary>
public sealed record FileClosure(ScannedFile Root, EquatableArray<ScannedFile> Imported);
