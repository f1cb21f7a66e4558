using System.Collections.Immutable;

namespace TaxoNN.Sweeps;

/// <summary>
/// What a finished point recorded (docs/sweeps.md, "Result files"): its figures by name (misclassification, cycles,
/// energy, area, power and their savings), the hash of its final weights, and where and how it ran. Figures are
/// deterministic; <see cref="Host"/>, <see cref="JobId"/>, <see cref="Restarts"/> and <see cref="Seconds"/> are not.
/// </summary>
public sealed record PointResult(
    string Id,
    long Index,
    string Sweep,
    string Training,
    bool IsFloat,
    ImmutableArray<KeyValuePair<string, string>> Parameters,
    string Status,
    string? Message,
    ImmutableArray<KeyValuePair<string, double>> Metrics,
    string? EnergyUnit,
    long Samples,
    string? WeightsSha256,
    string ToolVersion,
    long Seed,
    string Host,
    string? JobId,
    int Restarts,
    double Seconds)
{
    /// <summary>The version of a result file; a change that breaks readers bumps it.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The figure named <paramref name="name"/>, or null.</summary>
    public double? Metric(string name) => Metrics.Where(m => m.Key == name).Select(m => (double?)m.Value).FirstOrDefault();
}
