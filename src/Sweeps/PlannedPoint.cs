using System.Collections.Immutable;

namespace TaxoNN.Sweeps;

/// <summary>
/// One line of a sweep's manifest: the point's index in the plan, its id, whether it is the float32 reference of a
/// budget, its index in the sweep's grid (-1 for the reference) and its parameters as (axis key, value) pairs.
/// </summary>
public sealed record PlannedPoint(long Index, string Id, bool IsFloat, long GridIndex, ImmutableArray<KeyValuePair<string, string>> Parameters);
