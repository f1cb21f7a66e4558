using System.Collections.Immutable;

namespace TaxoNN.Compiler.Semantics;

/// <summary>One point of a sweep: its index in the grid and one value of every axis, in the axes' order.</summary>
public sealed record DesignPoint(long Index, ImmutableArray<SweepValue> Values)
{
    /// <summary>The point's parameters as (axis key, value text) pairs, in the axes' order.</summary>
    public IEnumerable<(string Key, string Value)> Parameters(SweepSymbol sweep) =>
        sweep.Axes.Select((axis, i) => (axis.Key, Values[i].Text));
}
