using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private static readonly string LeNet = Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo");

    private readonly TempFolder temp = new();

    [Fact]
    public void Text_report_has_the_paper_tables_the_set_up_costs_and_the_sweep()
    {
        var result = Taxo.Run("report", LeNet);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("area per PE", result.Out, StringComparison.Ordinal);
        Assert.Contains("power per PE", result.Out, StringComparison.Ordinal);
        Assert.Contains("training LeNet5Mnist", result.Out, StringComparison.Ordinal);
        Assert.Contains("the paper claims area 1.7x and power 2.1x for mnist", result.Out, StringComparison.Ordinal);
        Assert.Contains("energy per step by level", result.Out, StringComparison.Ordinal);
        Assert.Contains("    32*", result.Out, StringComparison.Ordinal);
        Assert.Contains("fusion saves", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_report_carries_a_schema_version_and_the_savings()
    {
        var output = Path.Combine(temp.Path, "report.json");

        var result = Taxo.Run("report", LeNet, "--format", "json", "-o", output);

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(File.ReadAllText(output));
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal(9, root.GetProperty("calibration").GetProperty("area").GetProperty("rows").GetArrayLength());
        var setup = root.GetProperty("setups")[0];
        Assert.Equal("LeNet5Mnist", setup.GetProperty("training").GetString());
        Assert.True(setup.GetProperty("savings_against_full_precision").GetProperty("area").GetDouble() > 1);
        Assert.Equal(2 * 25, setup.GetProperty("sweep").GetArrayLength());
    }

    [Fact]
    public void Csv_report_is_the_sweep_one_row_per_design_and_width()
    {
        var result = Taxo.Run("report", LeNet, "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutLines;
        Assert.Equal("training,design,bits,area,power,energy_per_step,extrapolated", lines[0]);
        Assert.Equal(1 + (2 * 25), lines.Count);
        var sixteen = lines.Single(l => l.StartsWith("LeNet5Mnist,eyeriss,16,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(10.1, double.Parse(sixteen[3], CultureInfo.InvariantCulture), 9);
        Assert.Equal("false", sixteen[6]);
        Assert.EndsWith(",true", lines.Single(l => l.StartsWith("LeNet5Mnist,taxonn,32,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Plot_is_written_as_svg_next_to_the_report()
    {
        var plot = Path.Combine(temp.Path, "costs.svg");

        var result = Taxo.Run("report", LeNet, "--plot", plot);

        Assert.Equal(0, result.ExitCode);
        var svg = XDocument.Parse(File.ReadAllText(plot));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains("calibrated to the TaxoNN paper", File.ReadAllText(plot), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_training_set_up_gets_the_calibration_and_the_design_sweep()
    {
        var result = Taxo.Run("report", Path.Combine(RepositoryPaths.Examples, "eyeriss.taxo"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("area per PE", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("training ", result.Out, StringComparison.Ordinal);
        Assert.Contains("sweep at uniform width", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_file_is_reported_and_nothing_is_written()
    {
        var file = temp.Write("bad.taxo", "network N {\n  input 784\n  f: dense(units: 0)\n}\n");
        var output = Path.Combine(temp.Path, "report.json");

        var result = Taxo.Run("report", file, "--format", "json", "-o", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error TAXO", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    public void Dispose() => temp.Dispose();
}
