using System.Diagnostics;
using System.Runtime.Intrinsics.X86;
using TaxoNN.Runtime.KernelProbe;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Tests.Numerics;

/// <summary>
/// The runtime's switches change the kernel path but not the bits: a probe process started with AVX-512, AVX2 or
/// all intrinsics disabled reports the path it picked and a checksum that must equal the scalar twin's.
/// </summary>
public sealed class KernelSwitchTests
{
    private static readonly string ProbeAssembly = Path.Combine(AppContext.BaseDirectory, "TaxoNN.Runtime.KernelProbe.dll");

    [Fact]
    public void Every_supported_path_gives_the_scalar_checksum_in_process()
    {
        var expected = KernelChecksum.Compute(KernelPath.Scalar);
        foreach (var path in Enum.GetValues<KernelPath>().Where(KernelPaths.IsSupported))
        {
            Assert.Equal(expected, KernelChecksum.Compute(path));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("DOTNET_EnableAVX512")] // .NET 10's name; DOTNET_EnableAVX512F is ignored there
    [InlineData("DOTNET_EnableAVX2")]
    [InlineData("DOTNET_EnableHWIntrinsic")]
    public void A_runtime_switch_changes_the_path_and_keeps_the_bits(string? disabled)
    {
        var report = RunProbe(disabled);

        var expectedPath = disabled switch
        {
            null => KernelPaths.Best,
            "DOTNET_EnableAVX512" => Avx2.IsSupported ? KernelPath.Vector256 : Sse41.IsSupported ? KernelPath.Vector128 : KernelPath.Scalar,
            "DOTNET_EnableAVX2" => Sse41.IsSupported ? KernelPath.Vector128 : KernelPath.Scalar,
            _ => KernelPath.Scalar,
        };
        Assert.Equal(expectedPath.ToString(), report["path"]);
        if (disabled is not null)
        {
            Assert.Contains("Avx512BW=False", report["support"], StringComparison.Ordinal);
        }

        if (disabled is "DOTNET_EnableAVX2" or "DOTNET_EnableHWIntrinsic")
        {
            Assert.Contains("Avx2=False", report["support"], StringComparison.Ordinal);
        }

        Assert.Equal(KernelChecksum.Compute(KernelPath.Scalar).ToString("x16"), report["checksum"]);

        // The training kernels' Vector<T> follows the same switches.
        var vectorBytes = disabled switch
        {
            null or "DOTNET_EnableAVX512" => Avx2.IsSupported ? 32 : 16,
            _ => 16,
        };
        Assert.Contains($"VectorBytes={vectorBytes}", report["support"], StringComparison.Ordinal);
        Assert.Contains($"VectorAccelerated={disabled != "DOTNET_EnableHWIntrinsic"}", report["support"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_training_kernels_run_512_bits_wide_where_the_machine_has_them_and_they_are_asked_for()
    {
        var report = RunProbe("DOTNET_MaxVectorTBitWidth", "512");
        var expected = Avx512F.IsSupported && Avx512BW.IsSupported ? 64 : Avx2.IsSupported ? 32 : 16;
        Assert.Contains($"VectorBytes={expected}", report["support"], StringComparison.Ordinal);
        Assert.Equal(KernelChecksum.Compute(KernelPath.Scalar).ToString("x16"), report["checksum"]);
    }

    private static Dictionary<string, string> RunProbe(string? disabled, string value = "0")
    {
        var start = new ProcessStartInfo(DotnetHost(), ["exec", ProbeAssembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The child must see only the switch under test, not one the test run happens to carry.
        foreach (var name in new[] { "DOTNET_EnableAVX512", "DOTNET_EnableAVX2", "DOTNET_EnableHWIntrinsic", "DOTNET_PreferredVectorBitWidth", "DOTNET_MaxVectorTBitWidth" })
        {
            start.Environment.Remove(name);
        }

        if (disabled is not null)
        {
            start.Environment[disabled] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"The probe failed with exit code {process.ExitCode}: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
