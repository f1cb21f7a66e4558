using System.Collections.Immutable;

namespace TaxoNN.Sweeps;

/// <summary>
/// How to start <c>taxo</c> in another process (a local worker, a Slurm task): a program and the arguments that come
/// before taxo's own, such as <c>dotnet exec taxo.dll</c> or the apphost <c>taxo</c> alone.
/// </summary>
public sealed record TaxoCommand(string Program, ImmutableArray<string> Prefix)
{
    /// <summary>The command line of <c>taxo <paramref name="arguments"/></c>.</summary>
    public IEnumerable<string> With(params string[] arguments) => [.. Prefix, .. arguments];

    /// <summary>
    /// The running taxo: its apphost when the process is one, else <c>dotnet exec</c> with the assembly at
    /// <paramref name="assemblyPath"/> (under <c>dotnet taxo.dll</c> or a test host).
    /// </summary>
    public static TaxoCommand Current(string assemblyPath)
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "taxo")
        {
            return new TaxoCommand(process, []);
        }

        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host))
        {
            host = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
        }

        return new TaxoCommand(host, ["exec", assemblyPath]);
    }
}
