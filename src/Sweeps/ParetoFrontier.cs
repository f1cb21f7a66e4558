using System.Collections.Immutable;

namespace TaxoNN.Sweeps;

/// <summary>
/// The Pareto frontier of points where both coordinates are costs (lower is better): a point is dominated when another
/// is no worse in both and better in one; the frontier is every point that is not. Used by <c>taxo sweep collect --plot</c>.
/// </summary>
public static class ParetoFrontier
{
    /// <summary>Whether <paramref name="a"/> dominates <paramref name="b"/>: no worse in both coordinates and better in one.</summary>
    public static bool Dominates((double X, double Y) a, (double X, double Y) b) =>
        a.X <= b.X && a.Y <= b.Y && (a.X < b.X || a.Y < b.Y);

    /// <summary>
    /// For each of <paramref name="points"/>, whether it is on the frontier. Equal points do not dominate each other, so
    /// both stay; a point with a coordinate that is not a finite number is neither on the frontier nor dominates any.
    /// </summary>
    public static ImmutableArray<bool> OnFrontier(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var result = new bool[points.Count];
        var order = Enumerable.Range(0, points.Count)
            .Where(i => double.IsFinite(points[i].X) && double.IsFinite(points[i].Y))
            .OrderBy(i => points[i].X).ThenBy(i => points[i].Y).ToList();

        // In order of X then Y, every point seen before has no larger X; the lowest Y seen so far, and the smallest X
        // that reached it (the first, in this order), settle whether one of them dominates the next point.
        var bestY = double.PositiveInfinity;
        var xAtBest = double.PositiveInfinity;
        foreach (var i in order)
        {
            var (x, y) = points[i];
            result[i] = !(bestY < y || (bestY == y && xAtBest < x));
            if (y < bestY)
            {
                bestY = y;
                xAtBest = x;
            }
        }

        return [.. result];
    }
}
