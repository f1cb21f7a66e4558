using System.Globalization;
using System.Text;

namespace TaxoNN.Sweeps;

/// <summary>
/// Gathers a sweep's result files into one CSV: a row per point with a result, in plan order; its parameters, status,
/// figures and, when the sweep has a budget and its float32 reference is done, whether the point is within it.
/// </summary>
public static class SweepCollector
{
    /// <summary>The CSV text of every result in <paramref name="folder"/>.</summary>
    public static string Csv(SweepFolder folder, SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var results = ResultFile.ReadAll(folder);
        var keys = plan.Points.SelectMany(p => p.Parameters.Select(kv => kv.Key)).Distinct().ToList();
        var metrics = results.SelectMany(r => r.Metrics.Select(m => m.Key)).Distinct().ToList();
        var reference = results.FirstOrDefault(r => r.IsFloat)?.Metric("misclassification");
        var text = new StringBuilder();
        var header = new List<string> { "index", "id", "precision" };
        header.AddRange(keys);
        header.Add("status");
        header.AddRange(metrics);
        header.AddRange(["energy_unit", "within_budget", "samples", "weights_sha256", "seed", "restarts", "host", "job_id", "seconds"]);
        text.Append(string.Join(',', header.Select(Field))).Append('\n');
        foreach (var result in results)
        {
            var row = new List<string> { Number(result.Index), result.Id, result.IsFloat ? "float32" : "fixed" };
            row.AddRange(keys.Select(k => result.Parameters.FirstOrDefault(p => p.Key == k).Value ?? string.Empty));
            row.Add(result.Status);
            row.AddRange(metrics.Select(m => result.Metric(m) is { } value ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty));
            row.Add(result.EnergyUnit ?? string.Empty);
            row.Add(WithinBudget(plan, result, reference) switch { true => "yes", false => "no", null => string.Empty });
            row.AddRange([Number(result.Samples), result.WeightsSha256 ?? string.Empty, Number(result.Seed), Number(result.Restarts), result.Host, result.JobId ?? string.Empty,
                result.Seconds.ToString("0.###", CultureInfo.InvariantCulture)]);
            text.Append(string.Join(',', row.Select(Field))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Whether <paramref name="result"/>'s misclassification is at most the budget above the float32 reference's; null when either is unknown.</summary>
    public static bool? WithinBudget(SweepPlan plan, PointResult result, double? reference)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        return plan.Budget is { } budget && reference is { } floor && result.Metric("misclassification") is { } error
            ? (error - floor) * 100 <= budget
            : null;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
