using System.CommandLine;
using TaxoNN.Cli.IO;
using TaxoNN.Cli.Output;
using TaxoNN.Cli.Plots;
using TaxoNN.Compiler;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Runtime.Reporting;

namespace TaxoNN.Cli.Commands;

/// <summary>
/// <c>taxo report FILE [--format text|json|csv] [-o OUT] [--plot OUT.svg]</c>: the cost model's calibration against
/// the paper's tables, each training set-up's area, power and energy, and a sweep over 8..32 bits for both designs.
/// </summary>
internal sealed class ReportCommand : Command
{
    private readonly CommandOutput output;

    private readonly Argument<string> file = new("FILE") { Description = "The .taxo file; its training set-ups are costed (a file without one gets the calibration and the sweep)." };

    private readonly Option<string> format = new("--format")
    {
        Description = "text: readable tables; json: the report (docs/cost-model.md); csv: the sweep, one row per design and width.",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<string?> outputPath = new("--output", "-o") { Description = "Write here (atomically) instead of to standard output." };

    private readonly Option<string?> plot = new("--plot") { Description = "Also write an SVG plot of area and power against bitwidth for both designs, with the paper's points." };

    /// <summary>Creates the command, writing to <paramref name="output"/>.</summary>
    public ReportCommand(CommandOutput output)
        : base("report", "Report area, power and energy of the set-ups' formats, calibrated to the paper's synthesis tables.")
    {
        this.output = output;
        format.AcceptOnlyFromAmong("text", "json", "csv");
        Arguments.Add(file);
        Options.Add(format);
        Options.Add(outputPath);
        Options.Add(plot);
        SetAction(parseResult => Run(
            parseResult.GetRequiredValue(file),
            parseResult.GetValue(format) ?? "text",
            parseResult.GetValue(outputPath),
            parseResult.GetValue(plot)));
    }

    /// <summary>Reports on <paramref name="path"/>; returns the exit code.</summary>
    public int Run(string path, string kind, string? destination, string? plotPath)
    {
        var compilation = Compilation.Create([path]);
        var writer = new DiagnosticWriter(output.Out, output.OutIsTerminal);
        foreach (var diagnostic in compilation.Diagnostics)
        {
            writer.Write(diagnostic);
        }

        if (compilation.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return ExitCodes.Failure;
        }

        if (plotPath is not null && PlotFonts.Family is null)
        {
            output.Error.WriteLine($"error: the plot cannot be drawn: {PlotFonts.MissingMessage}");
            return ExitCodes.Failure;
        }

        var schedules = compilation.RootSteps()
            .Select(Scheduler.Build)
            .ToList();
        var report = CostReport.Create(schedules);
        var text = kind switch
        {
            "json" => JsonCostReportEmitter.Emit(report),
            "csv" => CsvCostReportEmitter.Emit(report),
            _ => TextCostReportEmitter.Emit(report),
        };

        try
        {
            if (plotPath is not null)
            {
                AtomicFile.WriteAllText(plotPath, ReportPlot.Svg(report));
            }

            if (destination is not null)
            {
                AtomicFile.WriteAllText(destination, text);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            output.Error.WriteLine($"error: the report cannot be written: {e.Message}");
            return ExitCodes.Failure;
        }

        if (destination is null)
        {
            output.Out.Write(text);
        }

        return ExitCodes.Success;
    }
}
