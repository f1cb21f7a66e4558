using TaxoNN.Cli.Output;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Cli.Tests;

public sealed class ProgressDisplayTests
{
    private readonly StringWriter terminal = new() { NewLine = "\n" };
    private readonly ManualClock clock = new();

    [Fact]
    public void A_line_shows_percentage_bar_samples_speed_loss_and_time_left_within_the_width()
    {
        var line = ProgressBar.Line(new TrainingProgress(250, 1000, 0.5, 50), 80);

        // Samples, speed and time left are padded, so that the bar keeps its length while the numbers grow.
        Assert.Equal(" 25% [####.............]   250/1,000     50 samples/s  loss 0.5000  ETA 0:15   ", line);

        // One column stays free: a terminal may wrap a line that fills its width, and a wrapped line cannot be redrawn.
        Assert.Equal(79, line.Length);
    }

    [Theory]
    [InlineData(200, 40)]
    [InlineData(100, 37)]
    [InlineData(73, 10)]
    public void The_bar_grows_with_the_width_up_to_a_limit_and_the_line_never_fills_it(int width, int bar)
    {
        var line = ProgressBar.Line(new TrainingProgress(500, 1000, 1.25, 2000), width);

        Assert.Equal(bar, line.IndexOf(']', StringComparison.Ordinal) - line.IndexOf('[', StringComparison.Ordinal) - 1);
        Assert.Equal(bar / 2, line.Count(c => c == '#'));
        Assert.True(line.Length < width, line);
    }

    [Fact]
    public void A_narrow_terminal_drops_the_bar_then_cuts_the_line()
    {
        var value = new TrainingProgress(500, 1000, 1.25, 2000);

        var narrow = ProgressBar.Line(value, 50);
        var tiny = ProgressBar.Line(value, 20);

        Assert.StartsWith(" 50%   500/1,000  2,000 samples/s", narrow, StringComparison.Ordinal);
        Assert.DoesNotContain('[', narrow);
        Assert.Equal(49, narrow.Length);
        Assert.Equal(" 50%   500/1,000  2", tiny);
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(59.2, "1:00")]
    [InlineData(754, "12:34")]
    [InlineData(3725, "1:02:05")]
    [InlineData(1e12, ">99h")]
    public void Times_left_read_as_minutes_and_seconds_or_hours(double seconds, string expected) =>
        Assert.Equal(expected, ProgressBar.Duration(seconds));

    [Fact]
    public void Before_the_speed_is_known_speed_and_time_left_show_a_question_mark()
    {
        var line = ProgressBar.Line(new TrainingProgress(0, 1000, 0, double.PositiveInfinity), 100);

        Assert.EndsWith("    0/1,000      ? samples/s  loss 0.0000  ETA ?      ", line, StringComparison.Ordinal);
        Assert.StartsWith("  0% [" + new string('.', 37) + "] ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_redraw_the_line_after_a_carriage_return_at_most_once_per_interval()
    {
        var bar = new ProgressBar(terminal, 80, clock, ProgressUnits.Training);

        for (var samples = 1; samples <= 50; samples++)
        {
            bar.Report(new TrainingProgress(samples, 100, 1, 10));
            clock.Advance(TimeSpan.FromMilliseconds(30));
        }

        // 50 reports over 1.5 s: the first draws, then one report in every four (120 ms apart).
        var draws = terminal.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, draws.Length);
        Assert.StartsWith("\r  1% [", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains(" 5/100 ", draws[1], StringComparison.Ordinal);
        Assert.DoesNotContain('\n', terminal.ToString());
    }

    [Fact]
    public void The_last_report_of_a_run_is_drawn_at_once_and_finishing_ends_the_line_once()
    {
        var bar = new ProgressBar(terminal, 120, clock, ProgressUnits.Training);

        bar.Report(new TrainingProgress(50, 100, 1, 10));
        bar.Report(new TrainingProgress(100, 100, 0.5, 10));
        bar.Finish();
        bar.Finish();

        var text = terminal.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.EndsWith("\r100% [" + new string('#', 40) + "] 100/100     10 samples/s  loss 0.5000  ETA 0:00   \n", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\n'));
    }

    [Fact]
    public void Finishing_draws_a_report_that_came_too_soon_to_be_drawn()
    {
        var bar = new ProgressBar(terminal, 80, clock, ProgressUnits.Training);

        bar.Report(new TrainingProgress(10, 100, 1, 10));
        bar.Report(new TrainingProgress(20, 100, 0.75, 10));
        bar.Finish();

        Assert.EndsWith("]  20/100     10 samples/s  loss 0.7500  ETA 0:08   \n", terminal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shorter_line_blanks_what_the_longer_one_before_it_left()
    {
        var bar = new ProgressBar(terminal, 120, clock, ProgressUnits.Training);

        bar.Report(new TrainingProgress(50_000, 100_000, 1234.5, 50_000));
        var first = terminal.ToString();
        clock.Advance(ProgressBar.Interval);
        bar.Report(new TrainingProgress(60_000, 100_000, 1, 50_000));

        var second = terminal.ToString()[first.Length..];
        Assert.Equal(first.Length, second.Length);
        Assert.EndsWith("loss 1.0000  ETA 0:01" + new string(' ', 3 + 3), second, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interruption_clears_the_line_and_finishing_draws_it_again()
    {
        var bar = new ProgressBar(terminal, 80, clock, ProgressUnits.Training);
        bar.Report(new TrainingProgress(30, 100, 1, 10));
        var drawn = terminal.ToString();

        bar.Interrupt();
        terminal.WriteLine("checkpoint after 30 samples written to run.checkpoint.npz");
        bar.Finish();

        var text = terminal.ToString();
        Assert.Equal(drawn + "\r" + new string(' ', drawn.Length - 1) + "\rcheckpoint after 30 samples written to run.checkpoint.npz\n" + drawn + "\n", text);
    }

    [Fact]
    public void Nothing_reported_leaves_nothing_to_finish()
    {
        var bar = new ProgressBar(terminal, 80, clock, ProgressUnits.Training);

        bar.Interrupt();
        bar.Finish();

        Assert.Empty(terminal.ToString());
    }

    [Fact]
    public void Plain_lines_come_one_per_tenth_without_carriage_returns()
    {
        var lines = new ProgressLines(terminal, ProgressUnits.Training);

        for (var samples = 1; samples <= 100; samples++)
        {
            lines.Report(new TrainingProgress(samples, 100, 2, 25));
        }

        var written = terminal.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, written.Length);
        Assert.Equal("  1/100 samples, loss 2.0000, 25 samples/s, 4 s left", written[0]);
        Assert.Equal("  100/100 samples, loss 2.0000, 25 samples/s, 0 s left", written[^1]);
        Assert.DoesNotContain('\r', terminal.ToString());
    }

    [Fact]
    public void A_terminal_width_picks_the_bar_and_none_the_plain_lines()
    {
        Assert.IsType<ProgressBar>(ProgressDisplay.For(terminal, 80, clock));
        Assert.IsType<ProgressLines>(ProgressDisplay.For(terminal, null, clock));
    }

    [Fact]
    public void A_sweep_counts_points_and_shows_the_share_that_failed()
    {
        var line = ProgressBar.Line(new TrainingProgress(3, 12, 0.25, 2), 100, ProgressUnits.Sweep);
        Assert.Contains(" 3/12 ", line, StringComparison.Ordinal);
        Assert.Contains("points/s", line, StringComparison.Ordinal);
        Assert.Contains("failed 25%", line, StringComparison.Ordinal);
        Assert.DoesNotContain("samples", line, StringComparison.Ordinal);
        Assert.DoesNotContain("loss", line, StringComparison.Ordinal);

        var terminal = new StringWriter();
        var lines = new ProgressLines(terminal, ProgressUnits.Sweep);
        lines.Report(new TrainingProgress(6, 12, 0, 1));
        Assert.Contains("6/12 points, failed 0%, 1 points/s", terminal.ToString(), StringComparison.Ordinal);
    }
}
