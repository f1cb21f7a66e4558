using System.Collections.Immutable;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Tests.Serialization;

/// <summary>What a case gave: the value read (null when it failed) and the diagnostics.</summary>
internal sealed record Outcome(object? Value, ImmutableArray<Diagnostic> Diagnostics);
