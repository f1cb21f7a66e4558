using System.Globalization;

namespace TaxoNN.Cli.Output;

/// <summary>
/// What a progress display counts and which figure it shows beside the speed: samples and the running loss for a
/// training run, points and the share that failed for a sweep.
/// </summary>
/// <param name="Items">The plural of what is counted ("samples").</param>
/// <param name="Metric">The name of the figure shown ("loss").</param>
/// <param name="Format">The figure's .NET format ("0.0000").</param>
internal sealed record ProgressUnits(string Items, string Metric, string Format)
{
    /// <summary>A training run: samples, running loss.</summary>
    public static ProgressUnits Training { get; } = new("samples", "loss", "0.0000");

    /// <summary>A sweep: points, and the share of them that failed.</summary>
    public static ProgressUnits Sweep { get; } = new("points", "failed", "0%");

    /// <summary>The figure as shown.</summary>
    public string Show(double value) => value.ToString(Format, CultureInfo.InvariantCulture);
}
