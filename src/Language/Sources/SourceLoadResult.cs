using System.Collections.Immutable;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Sources;

/// <summary>The outcome of reading one source file: its text, or the diagnostics that say why there is none.</summary>
public sealed record SourceLoadResult(SourceText? Source, ImmutableArray<Diagnostic> Diagnostics, bool NotFound = false);
