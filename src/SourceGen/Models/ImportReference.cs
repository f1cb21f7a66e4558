namespace TaxoNN.SourceGen.Models;

/// <summary>One <c>import</c> of a file: the path as written, the full path it names, and where the path is written.</summary>
public sealed record ImportReference(string Target, string ResolvedPath, int Start, int Length);
