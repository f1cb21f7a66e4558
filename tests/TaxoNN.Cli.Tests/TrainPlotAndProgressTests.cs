using System.Xml.Linq;
using TaxoNN.Cli.Plots;

namespace TaxoNN.Cli.Tests;

// taxo train end to end on 50 training and 50 test samples: two epochs are 100 samples, each one reported.
public sealed class TrainPlotAndProgressTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly TempFolder temp = new();
    private readonly string data;

    public TrainPlotAndProgressTests() => data = SmallMnist.Write(Path.Combine(temp.Path, "mnist"), train: 50, test: 50);

    [Fact]
    public void The_plot_shows_both_precisions_loss_at_every_report_and_the_error_after_every_epoch_and_replaces_the_old_file()
    {
        var plot = temp.Write("curves.svg", "an older plot");

        var result = Train("--epochs", "2", "--compare-float", "--plot", plot);

        Assert.Equal(0, result.ExitCode);
        var document = XDocument.Parse(File.ReadAllText(plot));
        var texts = document.Descendants(Svg + "text").Select(text => text.Value.Trim()).ToList();
        Assert.Contains("LeNet5Mnist on MNIST: training loss and test misclassification", texts);
        Assert.Equal(2, texts.Count(text => text == "fixed point"));
        Assert.Equal(2, texts.Count(text => text == "float32"));
        foreach (var color in new[] { TrainingPlot.FixedColor, TrainingPlot.FloatColor })
        {
            var vertices = document.Descendants(Svg + "path")
                .Where(path => (string?)path.Attribute("stroke") == color)
                .Select(path => ((string?)path.Attribute("d") ?? "").Count(c => c is 'M' or 'L'))
                .OrderDescending()
                .ToList();
            Assert.Equal(100, vertices[0]);
            Assert.Equal(2, vertices[1]);
        }

        Assert.Equal(2 + 1, document.Descendants(Svg + "ellipse").Count(e => (string?)e.Attribute("fill") == TrainingPlot.FixedColor));
        Assert.Equal(2 + 1, document.Descendants(Svg + "rect").Count(e => (string?)e.Attribute("fill") == TrainingPlot.FloatColor));
        Assert.Equal(["curves.svg"], temp.FileNames());
    }

    [Fact]
    public void A_png_extension_writes_a_png()
    {
        var plot = Path.Combine(temp.Path, "curves.png");

        var result = Train("--precision", "float", "--limit", "40", "--plot", plot);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, File.ReadAllBytes(plot)[..8]);
    }

    [Fact]
    public void A_plot_in_a_missing_folder_fails_before_training_and_writes_nothing()
    {
        var plot = Path.Combine(temp.Path, "missing", "curves.svg");

        var result = Train("--limit", "40", "--plot", plot);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: the plot cannot be written: the folder", result.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("training LeNet5Mnist", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "missing")));
        Assert.Empty(temp.FileNames());
    }

    [Fact]
    public void A_plot_path_that_is_a_folder_fails_before_training()
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "curves.svg")).FullName;

        var result = Train("--limit", "40", "--plot", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is a folder", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("training LeNet5Mnist", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_plot_in_another_format_is_a_usage_error()
    {
        var result = Train("--limit", "40", "--plot", Path.Combine(temp.Path, "curves.pdf"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--plot writes SVG or PNG: name the file 'curves.svg' or '.png'.", result.Error, StringComparison.Ordinal);
        Assert.Empty(temp.FileNames());
    }

    [Fact]
    public void On_a_terminal_each_run_is_one_line_redrawn_in_place_that_ends_complete()
    {
        var (exitCode, _, error) = TrainOnTerminal(80, "--epochs", "2", "--compare-float");

        Assert.Equal(0, exitCode);
        Assert.EndsWith("\n", error, StringComparison.Ordinal);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["training LeNet5Mnist in fixed", "bar", "training LeNet5Mnist in float", "bar"],
            lines.Select(line => line.Contains('\r', StringComparison.Ordinal) ? "bar" : line[..29]));
        foreach (var bar in lines.Where(line => line.Contains('\r', StringComparison.Ordinal)))
        {
            var draws = bar.Split('\r', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(draws, draw => Assert.True(draw.Length < 80, draw));
            Assert.StartsWith("100% [####", draws[^1], StringComparison.Ordinal);
            Assert.Contains(" 100/100  ", draws[^1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void On_a_terminal_a_checkpoint_message_gets_a_line_of_its_own()
    {
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint.npz");

        var (exitCode, _, error) = TrainOnTerminal(100, "--limit", "45", "--checkpoint-every", "15", "--checkpoint", checkpoint);

        Assert.Equal(0, exitCode);
        var messages = error.Split('\n').Where(line => line.Contains("checkpoint after", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, messages.Count);

        // The first came while the bar was shown: the bar is blanked and the cursor returned before the message. A later
        // one may come before the bar was drawn again (it redraws at most every 100 ms); either way the message starts
        // its own line and nothing follows it there.
        Assert.Matches(@"^\r +[0-9]+% \[.*\r +\rcheckpoint after \d+ samples written to [^\r]*$", messages[0]);
        Assert.All(messages, line => Assert.Matches(@"^(\r +[0-9]+% \[.*\r +\r)?checkpoint after \d+ samples written to [^\r]*$", line));
        Assert.EndsWith("\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_terminal_progress_is_plain_lines()
    {
        var result = Train("--limit", "40");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\r', result.Error);
        Assert.Contains("  40/40 samples, loss ", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();

    private CliResult Train(params string[] args) => Taxo.Run(["train", SmallMnist.LeNet, "--data", data, .. args]);

    private (int ExitCode, string Out, string Error) TrainOnTerminal(int width, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = new TaxoApp(stdout, stderr, outputIsTerminal: false, errorTerminalWidth: width)
            .Run(["train", SmallMnist.LeNet, "--data", data, .. args]);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
