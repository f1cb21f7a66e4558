using TaxoNN.Tests.Shared;

namespace TaxoNN.Cli.Tests;

/// <summary>
/// Training gives the same bits whatever vector width the machine runs at: `taxo train` in child processes with
/// 512-bit vectors asked for (`DOTNET_MaxVectorTBitWidth=512`), with the 256-bit default, and with the runtime's
/// switches off (on .NET 10 `DOTNET_EnableAVX512`, `DOTNET_EnableAVX2`, `DOTNET_EnableHWIntrinsic` — software
/// vectors; the older `DOTNET_EnableAVX512F` is ignored) saves byte-identical weights in fixed point; the probe in
/// KernelSwitchTests shows each switch takes effect, and FixedKernelEquivalenceTests compares the vector kernels with
/// the scalar reference in process. (float32 does not: its
/// vectorised dot products add in an order that depends on the vector width, so its last bits may differ; it is the
/// comparison path, and fixed point is the one that promises the same bits everywhere.)
/// </summary>
public sealed class VectorPathTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void TheSameFixedPointWeightsComeOutOnEveryVectorPath()
    {
        const string precision = "fixed";
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var lenet = Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo");
        byte[] Train(string name, Dictionary<string, string> switches)
        {
            var weights = Path.Combine(temp.Path, $"{precision}-{name}.npz");
            var result = ProcessRunner.Run(
                dotnet,
                [Path.Combine(AppContext.BaseDirectory, "taxo.dll"), "train", lenet, "--limit", "150", "--precision", precision, "--save-weights", weights],
                temp.Path,
                switches);
            Assert.True(result.ExitCode == 0, $"{name}: exit {result.ExitCode}\n{result.Error}\n{result.Out}");
            return File.ReadAllBytes(weights);
        }

        var widest = Train("default", []);
        Assert.Equal(widest, Train("512-bit", new() { ["DOTNET_MaxVectorTBitWidth"] = "512" }));
        Assert.Equal(widest, Train("no-avx512", new() { ["DOTNET_EnableAVX512"] = "0" }));
        Assert.Equal(widest, Train("no-avx2", new() { ["DOTNET_EnableAVX2"] = "0" }));
        Assert.Equal(widest, Train("scalar", new() { ["DOTNET_EnableHWIntrinsic"] = "0" }));
    }

    public void Dispose() => temp.Dispose();
}
