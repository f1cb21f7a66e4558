using System.CommandLine;
using TaxoNN.Cli.IO;
using TaxoNN.Cli.Output;
using TaxoNN.Compiler;
using TaxoNN.Compiler.Emit;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Cli.Commands;

/// <summary>
/// <c>taxo compile FILE [--format text|json|trace] [-o OUT] [--no-fuse] [--training NAME] [--inference]</c>: compiles
/// every training set-up of a file into the schedule of one training step (or, with --inference, of its forward
/// pass) and writes it as a table, JSON or a trace.
/// </summary>
internal sealed class CompileCommand : Command
{
    private readonly CommandOutput output;

    private readonly Argument<string> file = new("FILE") { Description = "The .taxo file with the training set-up." };

    private readonly Option<string> format = new("--format")
    {
        Description = "text: a table per op; json: the schedule (docs/schedule-schema.md); trace: Chrome/Perfetto trace events.",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<string?> outputPath = new("--output", "-o") { Description = "Write here (atomically) instead of to standard output." };

    private readonly Option<bool> noFuse = new("--no-fuse") { Description = "Do not fuse error and update at batch 1." };

    private readonly Option<string?> training = new("--training") { Description = "The training set-up to compile, when the file has several." };

    private readonly Option<bool> inference = new("--inference")
    {
        Description = "Schedule the forward pass only: inference, which an accelerator without the training extensions can run.",
    };

    /// <summary>Creates the command, writing to <paramref name="output"/>.</summary>
    public CompileCommand(CommandOutput output)
        : base("compile", "Compile a training set-up into the schedule of one training step on its accelerator.")
    {
        this.output = output;
        format.AcceptOnlyFromAmong("text", "json", "trace");
        Arguments.Add(file);
        Options.Add(format);
        Options.Add(outputPath);
        Options.Add(noFuse);
        Options.Add(training);
        Options.Add(inference);
        SetAction(parseResult => Run(
            parseResult.GetRequiredValue(file),
            parseResult.GetValue(format) ?? "text",
            parseResult.GetValue(outputPath),
            !parseResult.GetValue(noFuse),
            parseResult.GetValue(training),
            parseResult.GetValue(inference)));
    }

    /// <summary>Compiles <paramref name="path"/>; returns the exit code.</summary>
    public int Run(string path, string kind, string? destination, bool fuse, string? only, bool inferenceOnly = false)
    {
        var compilation = Compilation.Create([path], fuse: fuse, inference: inferenceOnly);
        var writer = new DiagnosticWriter(output.Out, output.OutIsTerminal);
        foreach (var diagnostic in compilation.Diagnostics)
        {
            writer.Write(diagnostic);
        }

        if (compilation.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return ExitCodes.Failure;
        }

        var steps = compilation.RootSteps()
            .Where(s => only is null || s.Training.Name == only)
            .ToList();
        if (steps.Count == 0)
        {
            output.Error.WriteLine(only is null
                ? $"{path}: no training set-up to compile; a file needs a 'training' declaration."
                : $"{path}: no training set-up named '{only}'.");
            return ExitCodes.Failure;
        }

        if (kind != "text" && steps.Count > 1)
        {
            output.Error.WriteLine($"{path} has {steps.Count} training set-ups; choose one with --training ({string.Join(", ", steps.Select(s => s.Training.Name))}).");
            return ExitCodes.Usage;
        }

        var schedules = steps.Select(Scheduler.Build).ToList();
        var text = kind switch
        {
            "json" => JsonScheduleEmitter.Emit(schedules[0]),
            "trace" => TraceScheduleEmitter.Emit(schedules[0]),
            _ => string.Join("\n", schedules.Select(TextScheduleEmitter.Emit)),
        };

        if (destination is null)
        {
            output.Out.Write(text);
            return ExitCodes.Success;
        }

        try
        {
            AtomicFile.WriteAllText(destination, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            output.Error.WriteLine($"{destination}: error: the schedule cannot be written: {e.Message}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
