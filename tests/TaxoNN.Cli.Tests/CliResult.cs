namespace TaxoNN.Cli.Tests;

/// <summary>What one in-process run of <c>taxo</c> returned and wrote.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The lines written to standard output, without the empty one after the last line break.</summary>
    public IReadOnlyList<string> OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
}
