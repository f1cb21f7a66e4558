using System.Globalization;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Cli.Output;

/// <summary>Progress as plain lines, one per tenth of the run, which a log file and a terminal both read.</summary>
internal sealed class ProgressLines(TextWriter writer, ProgressUnits units) : ProgressDisplay
{
    private long lastTenth = -1;

    /// <inheritdoc/>
    public override void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var tenth = value.Samples * 10 / Math.Max(1, value.Total);
        if (tenth == lastTenth)
        {
            return;
        }

        lastTenth = tenth;
        var remaining = ProgressBar.SecondsLeft(value);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {value.Samples:N0}/{value.Total:N0} {units.Items}, {units.Metric} {units.Show(value.RunningLoss)}, {ProgressBar.Rate(value)} {units.Items}/s, {(remaining is { } seconds ? seconds.ToString("0", CultureInfo.InvariantCulture) : "?")} s left"));
    }

    /// <inheritdoc/>
    public override void Finish() => lastTenth = -1;
}
