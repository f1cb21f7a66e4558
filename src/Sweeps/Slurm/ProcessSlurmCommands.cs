using System.ComponentModel;
using System.Diagnostics;

namespace TaxoNN.Sweeps.Slurm;

/// <summary>Runs Slurm's commands as processes found on PATH.</summary>
public sealed class ProcessSlurmCommands : ISlurmCommands
{
    /// <summary>The one instance.</summary>
    public static ProcessSlurmCommands Instance { get; } = new();

    /// <inheritdoc/>
    public CommandOutcome Run(string program, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return new CommandOutcome(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
        catch (Win32Exception e)
        {
            return new CommandOutcome(-1, string.Empty, $"'{program}' cannot be started ({e.Message}); is Slurm installed and on PATH?");
        }
    }
}
