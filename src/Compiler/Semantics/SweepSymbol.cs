using System.Collections.Immutable;

namespace TaxoNN.Compiler.Semantics;

/// <summary>
/// A bound sweep: the training set-up it varies, its axes (the grid is their product, the last axis varying
/// fastest), the metrics it records, the accuracy budget in percentage points against float32 (null: none) and the
/// training samples per point (null: the set-up's epochs in full).
/// </summary>
public sealed record SweepSymbol(
    string Name,
    SourceLocation Location,
    TrainingSymbol Training,
    ImmutableArray<SweepAxis> Axes,
    ImmutableArray<string> Metrics,
    double? Budget,
    long? Limit)
{
    /// <summary>The number of points in the grid.</summary>
    public long PointCount => Axes.Aggregate(1L, (product, axis) => product * axis.Values.Length);

    /// <summary>The point at <paramref name="index"/> of the grid (0 to <see cref="PointCount"/> - 1).</summary>
    public DesignPoint Point(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, PointCount);
        var values = new SweepValue[Axes.Length];
        var rest = index;
        for (var i = Axes.Length - 1; i >= 0; i--)
        {
            var count = Axes[i].Values.Length;
            values[i] = Axes[i].Values[(int)(rest % count)];
            rest /= count;
        }

        return new DesignPoint(index, [.. values]);
    }

    /// <summary>Every point of the grid, in index order.</summary>
    public IEnumerable<DesignPoint> Points()
    {
        for (long i = 0; i < PointCount; i++)
        {
            yield return Point(i);
        }
    }

    /// <summary>The training set-up at <paramref name="point"/>: the sweep's set-up with each axis's value put in.</summary>
    public TrainingSymbol Apply(DesignPoint point) => SweepApplication.Apply(Training, Axes, point.Values);
}
