namespace TaxoNN.Cli.Tests;

/// <summary>Runs <c>taxo</c> in-process with string writers.</summary>
internal static class Taxo
{
    public static CliResult Run(params string[] args) => Run(terminal: false, args);

    public static CliResult Run(bool terminal, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = new TaxoApp(stdout, stderr, terminal).Run(args);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
