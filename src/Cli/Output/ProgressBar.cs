using System.Globalization;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Cli.Output;

/// <summary>
/// Progress as one line on a terminal, redrawn in place after a carriage return: percentage, bar, samples,
/// samples/s, running loss and the time left; at most once per <see cref="Interval"/>, and ended with a line break.
/// </summary>
internal sealed class ProgressBar(TextWriter writer, int width, TimeProvider time, ProgressUnits units) : ProgressDisplay
{
    /// <summary>The shortest time between two redraws: a fast run reports far more often than anyone can read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private const int LongestBar = 40;
    private const int ShortestBar = 10;

    private TrainingProgress? latest;
    private bool latestShown;
    private bool drawn;
    private long drawnAt;
    private int shownLength;

    /// <inheritdoc/>
    public override void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        latest = value;
        latestShown = false;
        var now = time.GetTimestamp();
        if (drawn && value.Samples < value.Total && time.GetElapsedTime(drawnAt, now) < Interval)
        {
            return;
        }

        Draw(value);
        drawn = true;
        drawnAt = now;
    }

    /// <inheritdoc/>
    public override void Interrupt()
    {
        if (shownLength == 0)
        {
            return;
        }

        writer.Write('\r');
        writer.Write(new string(' ', shownLength));
        writer.Write('\r');
        writer.Flush();
        shownLength = 0;
        latestShown = false;
    }

    /// <inheritdoc/>
    public override void Finish()
    {
        if (latest is null)
        {
            return;
        }

        if (!latestShown)
        {
            Draw(latest);
        }

        writer.WriteLine();
        writer.Flush();
        latest = null;
        drawn = false;
        shownLength = 0;
    }

    /// <summary>
    /// The line for <paramref name="value"/>, shorter than <paramref name="columns"/> so that the terminal never wraps it
    /// (a wrapped line cannot be redrawn by a carriage return): the bar shrinks, then goes, then the line is cut.
    /// </summary>
    internal static string Line(TrainingProgress value, int columns) => Line(value, columns, ProgressUnits.Training);

    /// <summary>The line for <paramref name="value"/> in <paramref name="units"/>.</summary>
    internal static string Line(TrainingProgress value, int columns, ProgressUnits units)
    {
        var room = Math.Max(1, columns - 1);
        var total = Math.Max(0, value.Total);
        var done = Math.Clamp(value.Samples, 0, total);
        var fraction = total == 0 ? 1 : (double)done / total;
        var percent = string.Create(CultureInfo.InvariantCulture, $"{(int)(fraction * 100),3}%");
        var left = SecondsLeft(value) is { } seconds ? Duration(seconds) : "?";
        // Fields padded to the width they usually reach, so that the bar keeps its length as the numbers grow.
        var totalText = value.Total.ToString("N0", CultureInfo.InvariantCulture);
        var samplesText = value.Samples.ToString("N0", CultureInfo.InvariantCulture).PadLeft(totalText.Length);
        var details = string.Create(CultureInfo.InvariantCulture,
            $" {samplesText}/{totalText}  {Rate(value),5} {units.Items}/s  {units.Metric} {units.Show(value.RunningLoss)}  ETA {left,-7}");
        var barLength = Math.Min(LongestBar, room - percent.Length - details.Length - 3);
        if (barLength < ShortestBar)
        {
            var line = percent + details;
            return line.Length <= room ? line : line[..room];
        }

        var filled = (int)(fraction * barLength);
        return percent + " [" + new string('#', filled) + new string('.', barLength - filled) + "]" + details;
    }

    /// <summary>Samples per second without a fraction, or "?" before the speed is known.</summary>
    internal static string Rate(TrainingProgress value) =>
        double.IsFinite(value.SamplesPerSecond) && value.SamplesPerSecond > 0
            ? value.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture)
            : "?";

    /// <summary>The seconds the rest of the run takes at the speed so far, or null while the speed is unknown.</summary>
    internal static double? SecondsLeft(TrainingProgress value) =>
        double.IsFinite(value.SamplesPerSecond) && value.SamplesPerSecond > 0
            ? Math.Max(0, value.Total - value.Samples) / value.SamplesPerSecond
            : null;

    /// <summary>m:ss under an hour, h:mm:ss from there on.</summary>
    internal static string Duration(double seconds)
    {
        // Beyond 100 hours the figure means "far too long" and TimeSpan would overflow long before double does.
        if (seconds >= 100 * 3600)
        {
            return ">99h";
        }

        var span = TimeSpan.FromSeconds(Math.Ceiling(seconds));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");
    }

    private void Draw(TrainingProgress value)
    {
        var line = Line(value, width, units);
        writer.Write('\r');
        writer.Write(line);

        // Blanks over what a longer earlier line left behind; the terminal needs no escape sequences for this.
        if (line.Length < shownLength)
        {
            writer.Write(new string(' ', shownLength - line.Length));
        }

        writer.Flush();
        shownLength = Math.Max(line.Length, shownLength);
        latestShown = true;
    }
}
