namespace TaxoNN.Cli;

internal static class Program
{
    // The only place that touches the console: everything else writes through the writers it is given.
    private static int Main(string[] args) =>
        new TaxoApp(Console.Out, Console.Error, outputIsTerminal: !Console.IsOutputRedirected).Run(args);
}
