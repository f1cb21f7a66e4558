using System.Diagnostics;

namespace TaxoNN.SourceGen.Tests;

/// <summary>Runs dotnet and built programs as child processes, as a user would from a shell.</summary>
internal static class Processes
{
    // A safety net against a hung restore or build, not a performance assertion.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>The dotnet host running these tests, so that children use the same SDK.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The configuration these tests were built in, which the projects they use were built in too.</summary>
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static ProcessResult Run(string fileName, IEnumerable<string> args, string folder, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{fileName}' did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{fileName} {string.Join(' ', start.ArgumentList)}' did not finish within {Limit}.");
        }

        return new ProcessResult(
            process.ExitCode,
            output.GetAwaiter().GetResult().Replace("\r\n", "\n", StringComparison.Ordinal),
            error.GetAwaiter().GetResult().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
