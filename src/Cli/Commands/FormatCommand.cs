using System.CommandLine;
using TaxoNN.Cli.IO;
using TaxoNN.Cli.Output;
using TaxoNN.Language.Formatting;
using TaxoNN.Language.Parsing;
using TaxoNN.Language.Sources;

namespace TaxoNN.Cli.Commands;

/// <summary><c>taxo fmt FILE... [--check]</c>: rewrites files in the canonical layout, or only reports those that differ.</summary>
internal sealed class FormatCommand : Command
{
    private readonly CommandOutput output;

    private readonly Argument<string[]> files = new("FILE")
    {
        Description = "The .taxo files to format; imports are not followed.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<bool> check = new("--check")
    {
        Description = "Write nothing; list the files that are not formatted and exit 1 if there are any.",
    };

    /// <summary>Creates the command, writing to <paramref name="output"/>.</summary>
    public FormatCommand(CommandOutput output)
        : base("fmt", "Format .taxo files in place, in the canonical layout.")
    {
        this.output = output;
        Arguments.Add(files);
        Options.Add(check);
        SetAction(parseResult => Run(parseResult.GetRequiredValue(files), parseResult.GetValue(check)));
    }

    /// <summary>Formats <paramref name="paths"/>, or with <paramref name="checkOnly"/> only compares them; returns the exit code.</summary>
    public int Run(IReadOnlyList<string> paths, bool checkOnly)
    {
        var writer = new DiagnosticWriter(output.Out, output.OutIsTerminal);
        var clean = true;
        foreach (var path in paths)
        {
            clean &= FormatFile(path, checkOnly, writer);
        }

        return clean ? ExitCodes.Success : ExitCodes.Failure;
    }

    // Formats one file; false when it has problems, is not formatted (with --check), or cannot be written.
    private bool FormatFile(string path, bool checkOnly, DiagnosticWriter writer)
    {
        var load = FileSystemSourceProvider.Instance.Load(path);
        if (load.Source is null)
        {
            foreach (var diagnostic in load.Diagnostics)
            {
                writer.Write(diagnostic);
            }

            return false;
        }

        var tree = SyntaxParser.Parse(load.Source);
        if (!Formatter.CanFormat(tree))
        {
            // Formatting around a syntax error could move or drop text the user still needs; leave the file alone.
            foreach (var diagnostic in tree.Diagnostics)
            {
                writer.Write(diagnostic);
            }

            return false;
        }

        var formatted = Formatter.Format(tree);
        if (string.Equals(formatted, load.Source.Text, StringComparison.Ordinal))
        {
            return true;
        }

        if (checkOnly)
        {
            output.Out.WriteLine($"{path}: not formatted");
            return false;
        }

        try
        {
            AtomicFile.WriteAllText(path, formatted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Error.WriteLine($"{path}: error: the formatted text cannot be written: {e.Message}");
            return false;
        }

        output.Out.WriteLine($"formatted {path}");
        return true;
    }
}
