using System.Collections.Immutable;

namespace TaxoNN.Sweeps;

/// <summary>
/// One panel of <c>taxo sweep collect --plot</c>: the fixed-point results' <see cref="YMetric"/> against
/// <see cref="XMetric"/>, each marked on or off the Pareto frontier; the float32 reference, and the budget's ceiling
/// (the reference's misclassification plus the budget), where they apply.
/// </summary>
public sealed record FrontierPanel(string XMetric, string YMetric, ImmutableArray<FrontierPoint> Points, FrontierPoint? Reference, double? Ceiling);
