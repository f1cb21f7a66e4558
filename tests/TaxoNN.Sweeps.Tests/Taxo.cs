using TaxoNN.Cli;

namespace TaxoNN.Sweeps.Tests;

/// <summary>Runs <c>taxo</c> in-process with string writers.</summary>
internal static class Taxo
{
    public static (int ExitCode, string Out, string Error) Run(params string[] args) => Run(CancellationToken.None, args);

    public static (int ExitCode, string Out, string Error) Run(CancellationToken stop, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = new TaxoApp(stdout, stderr, outputIsTerminal: false, stop).Run(args);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>How worker processes start the taxo built beside the tests.</summary>
    public static TaxoCommand Command => TaxoCommand.Current(typeof(TaxoApp).Assembly.Location);
}
