using System.CommandLine;
using TaxoNN.Cli.Output;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Compiler;

namespace TaxoNN.Cli.Commands;

/// <summary><c>taxo check FILE...</c>: compiles the files and what they import, and reports every diagnostic of every phase.</summary>
internal sealed class CheckCommand : Command
{
    private readonly CommandOutput output;

    private readonly Argument<string[]> files = new("FILE")
    {
        Description = "The .taxo files to check; the files they import are checked too.",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>Creates the command, writing to <paramref name="output"/>.</summary>
    public CheckCommand(CommandOutput output)
        : base("check", "Check .taxo files: syntax, structure, names, shapes, precision and what the accelerator can execute.")
    {
        this.output = output;
        Arguments.Add(files);
        SetAction(parseResult => Run(parseResult.GetRequiredValue(files)));
    }

    /// <summary>Checks <paramref name="paths"/>; returns the exit code.</summary>
    public int Run(IReadOnlyList<string> paths)
    {
        var compilation = Compilation.Create(paths);
        var set = compilation.Sources;
        var writer = new DiagnosticWriter(output.Out, output.OutIsTerminal);
        int errors = 0, warnings = 0;
        foreach (var diagnostic in compilation.Diagnostics)
        {
            writer.Write(diagnostic);
            errors += diagnostic.Severity == DiagnosticSeverity.Error ? 1 : 0;
            warnings += diagnostic.Severity == DiagnosticSeverity.Warning ? 1 : 0;
        }

        // Files that could not be read (missing, a directory, binary) are reported, not counted as checked.
        var read = set.Files.Count(file => file.Source is not null);
        output.Out.WriteLine(
            $"{Counted(read, "file", "files")} checked: {Counted(errors, "error", "errors")}, {Counted(warnings, "warning", "warnings")}");
        return errors > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static string Counted(int count, string one, string many) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
