using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Cli.Tests;

public sealed partial class TrainCommandTests : IDisposable
{
    private const int TestSamples = 100;
    private static readonly string LeNet = Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo");
    private static readonly string BundledData = Path.Combine(RepositoryPaths.Examples, "data", "mnist");

    private readonly TempFolder temp = new();
    private readonly string data;

    public TrainCommandTests()
    {
        // The bundled training split, and the first samples of its test split, so that each evaluation is quick.
        data = Path.Combine(temp.Path, "mnist");
        Directory.CreateDirectory(data);
        foreach (var name in new[] { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz" })
        {
            File.Copy(Path.Combine(BundledData, name), Path.Combine(data, name));
        }

        WriteFirst("t10k-images-idx3-ubyte", 16, 28 * 28);
        WriteFirst("t10k-labels-idx1-ubyte", 8, 1);
    }

    [Fact]
    public void Saved_weights_evaluate_to_the_misclassification_training_reported()
    {
        var weights = Path.Combine(temp.Path, "trained.npz");

        var trained = Train("--limit", "100", "--save-weights", weights);
        var evaluated = Taxo.Run("eval", LeNet, "--weights", weights, "--data", data);

        Assert.Equal(0, trained.ExitCode);
        Assert.Equal(0, evaluated.ExitCode);
        Assert.Equal(Misclassification(trained), Misclassification(evaluated));
        Assert.NotEqual(Misclassification(Taxo.Run("eval", LeNet, "--weights", InitialWeights(), "--data", data)), Misclassification(evaluated));
    }

    [Theory]
    [InlineData("fixed")]
    [InlineData("float")]
    public void Evaluation_on_several_threads_gives_the_same_misclassification(string precision)
    {
        var weights = Path.Combine(temp.Path, $"{precision}.npz");
        var trained = Train("--limit", "100", "--precision", precision, "--save-weights", weights, "--threads", "3");
        var one = Taxo.Run("eval", LeNet, "--weights", weights, "--data", data, "--precision", precision);
        var three = Taxo.Run("eval", LeNet, "--weights", weights, "--data", data, "--precision", precision, "--threads", "3");

        Assert.Equal(0, trained.ExitCode);
        Assert.Equal(Misclassification(one), Misclassification(trained));
        Assert.Equal(Misclassification(one), Misclassification(three));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("many")]
    public void A_thread_count_that_is_not_a_whole_number_from_one_is_a_usage_error(string threads)
    {
        var result = Taxo.Run("eval", LeNet, "--weights", InitialWeights(), "--data", data, "--threads", threads);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(threads, result.Error + result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("misclassification", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Initial_weights_from_a_saved_file_reproduce_training_bit_for_bit()
    {
        var initial = InitialWeights();
        var seeded = Path.Combine(temp.Path, "seeded.npz");
        var loaded = Path.Combine(temp.Path, "loaded.npz");

        Assert.Equal(0, Train("--limit", "100", "--save-weights", seeded).ExitCode);
        Assert.Equal(0, Train("--limit", "100", "--init-weights", initial, "--save-weights", loaded).ExitCode);

        Assert.Equal(File.ReadAllBytes(seeded), File.ReadAllBytes(loaded));
        Assert.NotEqual(File.ReadAllBytes(initial), File.ReadAllBytes(loaded));
    }

    [Fact]
    public void A_run_resumed_from_its_halfway_checkpoint_ends_with_the_weights_of_an_uninterrupted_run()
    {
        var whole = Path.Combine(temp.Path, "whole.npz");
        var resumed = Path.Combine(temp.Path, "resumed.npz");
        var halfway = Path.Combine(temp.Path, "halfway.npz");
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint.npz");

        Assert.Equal(0, Train("--limit", "120", "--save-weights", whole).ExitCode);
        var first = Train("--limit", "60", "--checkpoint-every", "60", "--checkpoint", checkpoint, "--save-weights", halfway);
        var second = Train("--limit", "120", "--resume", "--checkpoint", checkpoint, "--save-weights", resumed);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"checkpoint after 60 samples written to {checkpoint}", first.Error, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("resuming from", second.Error, StringComparison.Ordinal);
        Assert.Contains("after 120 samples", second.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(resumed));
        Assert.NotEqual(File.ReadAllBytes(halfway), File.ReadAllBytes(resumed));
    }

    [Fact]
    public void A_weights_file_without_a_tensor_is_refused_and_nothing_is_written()
    {
        var complete = InitialWeights();
        var incomplete = Path.Combine(temp.Path, "incomplete.npz");
        using (var source = ZipFile.OpenRead(complete))
        using (var target = ZipFile.Open(incomplete, ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries.Where(e => e.Name != "f6.bias.npy"))
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
                from.CopyTo(to);
            }
        }

        var output = Path.Combine(temp.Path, "never.npz");

        var result = Train("--limit", "100", "--init-weights", incomplete, "--save-weights", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("TAXO5060", result.Out, StringComparison.Ordinal);
        Assert.Contains("'f6.bias'", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("training LeNet5Mnist", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_checkpoint_of_float32_training_is_refused_by_a_fixed_point_run()
    {
        var checkpoint = Path.Combine(temp.Path, "float.checkpoint.npz");
        Assert.Equal(0, Train("--limit", "20", "--precision", "float", "--checkpoint-every", "20", "--checkpoint", checkpoint).ExitCode);
        var before = File.ReadAllBytes(checkpoint);

        var result = Train("--limit", "40", "--resume", "--checkpoint", checkpoint);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("TAXO5071", result.Out, StringComparison.Ordinal);
        Assert.Contains("this run trains in fixed point", result.Out, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(checkpoint));
    }

    [Fact]
    public void A_stop_request_writes_a_checkpoint_and_exits_3_and_the_run_resumes_from_it()
    {
        var checkpoint = Path.Combine(temp.Path, "stopped.checkpoint.npz");
        var resumedWeights = Path.Combine(temp.Path, "resumed.npz");
        var wholeWeights = Path.Combine(temp.Path, "whole.npz");
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };

        // Cancelled before the run starts: the run stops at its first batch boundary, after one sample.
        var exitCode = new TaxoApp(stdout, stderr, outputIsTerminal: false, new CancellationToken(canceled: true))
            .Run(["train", LeNet, "--data", data, "--limit", "30", "--checkpoint", checkpoint]);
        var resumed = Train("--limit", "30", "--resume", "--checkpoint", checkpoint, "--save-weights", resumedWeights);

        Assert.Equal(3, exitCode);
        Assert.Contains("checkpoint after 1 samples written", stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(0, Train("--limit", "30", "--save-weights", wholeWeights).ExitCode);
        Assert.Equal(File.ReadAllBytes(wholeWeights), File.ReadAllBytes(resumedWeights));
    }

    [Fact]
    public async Task Sigterm_stops_a_taxo_process_with_exit_code_3_after_a_checkpoint_that_resumes()
    {
        var checkpoint = Path.Combine(temp.Path, "signalled.checkpoint.npz");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Twenty epochs, so that the run is still training when the signal comes however fast the machine is.
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "taxo.dll"), "train", LeNet, "--data", data, "--epochs", "20", "--checkpoint-every", "10", "--checkpoint", checkpoint })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var sawCheckpoint = false;
        long? stoppedAt = null;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (CheckpointLinePattern().Match(line) is { Success: true } match)
            {
                stoppedAt = long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                if (!sawCheckpoint)
                {
                    sawCheckpoint = true;
                    using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
                    await kill.WaitForExitAsync();
                }
            }
        }

        // A safety net against a run that ignores the signal, not a performance assertion.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        await stdout;
        Assert.True(sawCheckpoint);
        Assert.Equal(3, process.ExitCode);

        // The last checkpoint line is the one the signal wrote; ten samples more finish the resumed run.
        var target = stoppedAt!.Value + 10;
        var resumed = Train("--epochs", "20", "--limit", target.ToString(CultureInfo.InvariantCulture), "--resume", "--checkpoint", checkpoint);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"after {target:N0} samples"), resumed.Out, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();

    private CliResult Train(params string[] args) => Taxo.Run(["train", LeNet, "--data", data, .. args]);

    private string InitialWeights()
    {
        var path = Path.Combine(temp.Path, "initial.npz");
        if (!File.Exists(path))
        {
            Assert.Equal(0, Train("--limit", "0", "--save-weights", path).ExitCode);
        }

        return path;
    }

    private static string Misclassification(CliResult result)
    {
        var match = MisclassificationPattern().Match(result.Out);
        Assert.True(match.Success, result.Out + result.Error);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^checkpoint after ([0-9,]+) samples written")]
    private static partial Regex CheckpointLinePattern();

    [GeneratedRegex(@"test misclassification ([0-9.]+ %)")]
    private static partial Regex MisclassificationPattern();

    // Writes the first TestSamples items of a bundled test file, plain, with the count in its header changed.
    private void WriteFirst(string name, int header, int itemSize)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(BundledData, name + ".gz")), CompressionMode.Decompress);
        var bytes = new byte[header + (TestSamples * itemSize)];
        gzip.ReadExactly(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), TestSamples);
        File.WriteAllBytes(Path.Combine(data, name), bytes);
    }
}
