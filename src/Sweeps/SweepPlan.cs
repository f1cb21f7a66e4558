using System.Collections.Immutable;

namespace TaxoNN.Sweeps;

/// <summary>
/// A planned sweep (docs/sweeps.md, "The sweep folder"): the file it comes from (relative to the sweep folder), the
/// sweep and set-up, a hash of every source file read (a point refuses to run when they have changed), the tool
/// version, the sample limit, the budget, the metrics and the points.
/// </summary>
public sealed record SweepPlan(
    string File,
    string Sweep,
    string Training,
    string SourcesSha256,
    string ToolVersion,
    long? Limit,
    double? Budget,
    ImmutableArray<string> Metrics,
    ImmutableArray<PlannedPoint> Points)
{
    /// <summary>The version of sweep.json and the manifest's lines; a change that breaks readers bumps it.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Whether the points train (the misclassification is a metric) or are costed only.</summary>
    public bool Trains => Metrics.Contains("misclassification");

    /// <summary>The points that task <paramref name="task"/> runs when each task runs <paramref name="pointsPerTask"/> points.</summary>
    public IEnumerable<PlannedPoint> PointsOfTask(int task, int pointsPerTask)
    {
        var first = (long)task * pointsPerTask;
        for (var i = first; i < Math.Min(first + pointsPerTask, Points.Length); i++)
        {
            yield return Points[(int)i];
        }
    }

    /// <summary>The number of tasks that run every point, <paramref name="pointsPerTask"/> each.</summary>
    public int TaskCount(int pointsPerTask) => (int)((Points.Length + (long)pointsPerTask - 1) / pointsPerTask);
}
