namespace TaxoNN.Sweeps.Tests;

/// <summary>What two runs of a sweep must agree on: every figure and the final weights' hash, point by point (not host, job, restarts or time).</summary>
internal static class Results
{
    public static IReadOnlyList<string> Deterministic(string folder) =>
        [.. ResultFile.ReadAll(new SweepFolder(folder)).Select(r =>
            $"{r.Index} {r.Id} {r.Status} {r.Samples} {r.WeightsSha256} {string.Join(" ", r.Metrics.Select(m => $"{m.Key}={m.Value:R}"))}")];
}
