using System.Runtime.InteropServices;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Cli.Tests;

public sealed class ToolPackagingTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void The_packed_tool_installs_and_checks_an_example()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var feed = Path.Combine(temp.Path, "feed");
        var tools = Path.Combine(temp.Path, "tools");

        // Its own build folders, so the pack neither races with nor reuses the builds of the test run.
        var pack = ProcessRunner.Run(
            dotnet,
            ["pack", Path.Combine("src", "Cli"), "-o", feed, "--artifacts-path", Path.Combine(temp.Path, "artifacts"), "-warnaserror"],
            RepositoryPaths.Root,
            Quiet());
        Assert.True(pack.ExitCode == 0, pack.Out + pack.Error);
        Assert.Single(Directory.GetFiles(feed, "TaxoNN.Cli.*.nupkg"));

        var config = Path.Combine(temp.Path, "nuget.config");
        File.WriteAllText(config, "<configuration><packageSources><clear /></packageSources></configuration>\n");

        // Its own package cache, so the install cannot pick up an older package of the same version.
        var install = ProcessRunner.Run(
            dotnet,
            ["tool", "install", "TaxoNN.Cli", "--tool-path", tools, "--add-source", feed, "--configfile", config],
            temp.Path,
            new Dictionary<string, string>(Quiet()) { ["NUGET_PACKAGES"] = Path.Combine(temp.Path, "packages") });
        Assert.True(install.ExitCode == 0, install.Out + install.Error);

        var taxo = Path.Combine(tools, OperatingSystem.IsWindows() ? "taxo.exe" : "taxo");
        var check = ProcessRunner.Run(
            taxo,
            ["check", Path.Combine("examples", "lenet5-mnist.taxo")],
            RepositoryPaths.Root,
            new Dictionary<string, string> { ["DOTNET_ROOT"] = DotnetRoot() });

        Assert.True(check.ExitCode == 0, check.Out + check.Error);
        Assert.EndsWith("checked: 0 errors, 0 warnings\n", check.Out.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();

    private static Dictionary<string, string> Quiet() => new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    // The installed tool's launcher finds the runtime through DOTNET_ROOT; use the one running this test.
    private static string DotnetRoot() =>
        Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root
            ? root
            : Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
}
