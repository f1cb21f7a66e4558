using System.Text.Json;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Cli.Tests;

public sealed class CompileCommandTests : IDisposable
{
    private static readonly string LeNet = Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo");

    private readonly TempFolder temp = new();

    [Fact]
    public void Text_schedule_of_the_example_lists_every_pass_and_the_fusion_savings()
    {
        var result = Taxo.Run("compile", LeNet);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("training LeNet5Mnist", result.Out, StringComparison.Ordinal);
        foreach (var kind in new[] { "forward", "output_error", "fused_error_update", "weight_gradient", "update", "pool_backward", "activation_backward" })
        {
            Assert.Contains(kind, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("fusion saves", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void No_fuse_gives_separate_error_gradient_and_update_ops()
    {
        var result = Taxo.Run("compile", LeNet, "--no-fuse");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("fused_error_update", result.Out, StringComparison.Ordinal);
        Assert.Contains(" error ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_is_written_atomically_to_the_output_file()
    {
        var output = Path.Combine(temp.Path, "schedule.json");

        var result = Taxo.Run("compile", LeNet, "--format", "json", "-o", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        using var document = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(1, document.RootElement.GetProperty("schema_version").GetInt32());
        Assert.Equal(["schedule.json"], temp.FileNames());
    }

    [Fact]
    public void Trace_is_chrome_trace_json()
    {
        var result = Taxo.Run("compile", LeNet, "--format", "trace");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.NotEmpty(document.RootElement.GetProperty("traceEvents").EnumerateArray());
    }

    [Fact]
    public void An_error_in_the_file_is_reported_and_nothing_is_written()
    {
        var file = temp.Write("bad.taxo", File.ReadAllText(LeNet).Replace("import \"eyeriss.taxo\"", "import \"missing.taxo\"", StringComparison.Ordinal));
        var output = Path.Combine(temp.Path, "out.json");

        var result = Taxo.Run("compile", file, "--format", "json", "-o", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error TAXO1001", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_file_without_a_training_set_up_is_an_error()
    {
        var result = Taxo.Run("compile", Path.Combine(RepositoryPaths.Examples, "eyeriss.taxo"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no training set-up", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        var result = Taxo.Run("compile", LeNet, "--format", "yaml");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Check_reports_compiler_diagnostics_too()
    {
        var file = temp.Write("narrow.taxo", """
            accelerator A {
              pe_array 4 x 4
              global_buffer 16 KiB
              clock 100 MHz
              accumulator 24 bits
            }
            network N {
              input 784
              f1: dense(units: 10)
              loss softmax_cross_entropy
            }
            training T {
              network N
              accelerator A
              data mnist
              learning_rate 0.01
            }
            """);

        var result = Taxo.Run("check", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error TAXO2104: The op 'f1.forward' needs an accumulator of", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inference_only_accelerator_runs_the_forward_pass_but_refuses_training()
    {
        var file = temp.Write("inference.taxo", File.ReadAllText(LeNet)
            .Replace("import \"eyeriss.taxo\"", $"import \"{Path.Combine(RepositoryPaths.Examples, "eyeriss.taxo")}\"", StringComparison.Ordinal)
            .Replace("accelerator Eyeriss", "accelerator EyerissInference", StringComparison.Ordinal));

        var training = Taxo.Run("compile", file);
        var inference = Taxo.Run("compile", file, "--inference");

        Assert.Equal(1, training.ExitCode);
        Assert.Contains("error TAXO2105", training.Out, StringComparison.Ordinal);
        Assert.Equal(0, inference.ExitCode);
        Assert.Contains("inference only", inference.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("weight_gradient", inference.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("output_error", inference.Out, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();
}
