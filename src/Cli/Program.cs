namespace TaxoNN.Cli;

internal static class Program
{
    // What a terminal that cannot tell its size is assumed to be.
    private const int DefaultWidth = 80;

    // The only place that touches the console: everything else writes through the writers it is given.
    private static int Main(string[] args) =>
        new TaxoApp(Console.Out, Console.Error, outputIsTerminal: !Console.IsOutputRedirected,
            errorTerminalWidth: Console.IsErrorRedirected ? null : TerminalWidth()).Run(args);

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : DefaultWidth;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException)
        {
            return DefaultWidth;
        }
    }
}
