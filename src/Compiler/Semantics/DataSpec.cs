using System.Collections.Immutable;

namespace TaxoNN.Compiler.Semantics;

/// <summary>Which data set a set-up trains on, where it is, and how inputs are scaled: (x / divisor - mean) / std.</summary>
public sealed record DataSpec(DatasetKind Dataset, string Path, double Divisor, ImmutableArray<double> Mean, ImmutableArray<double> Std);
