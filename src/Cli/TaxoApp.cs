using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using TaxoNN.Cli.Commands;

namespace TaxoNN.Cli;

/// <summary>The <c>taxo</c> command line: its commands, wired to the writers it is given.</summary>
internal sealed class TaxoApp
{
    private readonly CommandOutput output;

    /// <summary>
    /// Creates the app; <paramref name="outputIsTerminal"/> turns on source excerpts under diagnostics; cancelling
    /// <paramref name="stop"/> stops <c>taxo train</c> at a checkpoint as a signal does; an
    /// <paramref name="errorTerminalWidth"/> (standard error is a terminal that many columns wide) turns its progress
    /// lines into a bar redrawn in place.
    /// </summary>
    public TaxoApp(TextWriter stdout, TextWriter stderr, bool outputIsTerminal, CancellationToken stop = default, int? errorTerminalWidth = null)
    {
        output = new CommandOutput(stdout, stderr, outputIsTerminal, errorTerminalWidth);
        Root = new RootCommand("Check, format, compile and cost TaxoNN .taxo files: a network, an accelerator and a training set-up.")
        {
            new CheckCommand(output),
            new FormatCommand(output),
            new CompileCommand(output),
            new ReportCommand(output),
            new TrainCommand(output, stop),
            new EvalCommand(output),
            new SimulateCommand(output, stop),
            new SweepCommand(output, stop),
        };
    }

    /// <summary>The root command, with every subcommand.</summary>
    public RootCommand Root { get; }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public int Run(IReadOnlyList<string> args)
    {
        var parseResult = Root.Parse(args);

        // System.CommandLine reports parse errors with exit code 1 and colours the console itself;
        // usage errors exit 2 here, so that scripts can tell them from diagnostics in the files.
        var errors = parseResult.Action is ParseErrorAction
            ? parseResult.Errors.Select(error => error.Message).ToList()
            : [];
        errors.AddRange(UnknownOptions(parseResult).Select(token => $"Unrecognized option '{token}'."));
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                output.Error.WriteLine(error);
            }

            output.Error.WriteLine("Run 'taxo --help' for usage.");
            return ExitCodes.Usage;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = output.Out, Error = output.Error });
    }

    // A FILE argument takes any word, so System.CommandLine would read a mistyped option as a file name.
    // Words that look like options are refused unless they follow '--' (or are written './-name').
    private static IEnumerable<string> UnknownOptions(ParseResult parseResult)
    {
        foreach (var token in parseResult.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                yield break;
            }

            if (token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value[0] == '-')
            {
                yield return token.Value;
            }
        }
    }
}
