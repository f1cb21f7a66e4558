using System.Text.Json;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private static readonly string LeNet = Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo");

    private readonly TempFolder temp = new();

    [Fact]
    public void Synthetic_steps_print_every_op_kind_the_totals_and_the_agreement()
    {
        var result = Taxo.Run("simulate", LeNet, "--synthetic", "--steps", "2");

        Assert.Equal(0, result.ExitCode);
        foreach (var kind in new[] { "forward", "pool_forward", "output_error", "fused_error_update", "weight_gradient", "update", "total" })
        {
            Assert.Contains(result.OutLines, line => line.StartsWith(kind + " ", StringComparison.Ordinal));
        }

        Assert.Contains("agrees with the compiler's schedule", result.Out, StringComparison.Ordinal);
        Assert.Contains("2 step(s)", result.Out, StringComparison.Ordinal);
        Assert.Contains("PE-cycles/s", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_is_chrome_json_with_ops_pe_sets_and_traffic_counters()
    {
        var trace = Path.Combine(temp.Path, "sim.json");

        var result = Taxo.Run("simulate", LeNet, "--synthetic", "--no-fuse", "--trace", trace);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(trace));
        var events = json.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("ph").GetString() == "X" && e.GetProperty("name").GetString() == "c1.forward");
        Assert.Contains(events, e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("args").GetProperty("name").GetString()!.StartsWith("PEs rows", StringComparison.Ordinal));
        Assert.Contains(events, e => e.GetProperty("ph").GetString() == "C");
        Assert.DoesNotContain(Directory.GetFiles(temp.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Watch_pe_prints_the_fill_and_the_macs_of_one_pe_by_cycle()
    {
        var result = Taxo.Run("simulate", LeNet, "--synthetic", "--watch-pe", "1,2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("PE (1,2) in step 1, cycle by cycle:", result.Out, StringComparison.Ordinal);
        Assert.Contains("c1.forward: cycles 0-29: filter spad fill", result.Out, StringComparison.Ordinal);
        Assert.Contains("        30  c1.forward: MAC filter 0 channel 0 tap (1,0)", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--watch-pe", "3")]
    [InlineData("--watch-pe", "12,0")]
    [InlineData("--steps", "0")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        var result = Taxo.Run("simulate", LeNet, "--synthetic", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Error);
    }

    [Fact]
    public void A_cycle_budget_too_small_is_taxo6003_at_the_layer_not_a_hang()
    {
        var result = Taxo.Run("simulate", LeNet, "--synthetic", "--cycle-budget", "5000");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"lenet5-mnist\.taxo\(\d+,\d+\): error TAXO6003: The step would pass the budget of 5,000 cycles", result.Out);
    }

    [Fact]
    public void A_missing_data_set_says_how_to_run_synthetic()
    {
        File.Copy(LeNet, Path.Combine(temp.Path, "main.taxo"));
        File.Copy(Path.Combine(RepositoryPaths.Examples, "eyeriss.taxo"), Path.Combine(temp.Path, "eyeriss.taxo"));

        var result = Taxo.Run("simulate", Path.Combine(temp.Path, "main.taxo"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("TAXO5001", result.Out, StringComparison.Ordinal);
        Assert.Contains("--synthetic", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stop_request_exits_with_code_3()
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var exit = new TaxoApp(stdout, stderr, false, stop.Token).Run(["simulate", LeNet, "--synthetic"]);

        Assert.Equal(3, exit);
        Assert.Contains("stopped in step 1", stderr.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();
}
