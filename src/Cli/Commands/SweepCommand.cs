using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using TaxoNN.Cli.IO;
using TaxoNN.Cli.Output;
using TaxoNN.Cli.Plots;
using TaxoNN.Runtime.Training;
using TaxoNN.Sweeps;
using TaxoNN.Sweeps.Search;
using TaxoNN.Sweeps.Slurm;

namespace TaxoNN.Cli.Commands;

/// <summary>
/// <c>taxo sweep plan|run|run-point|status|submit|resubmit|bitwidths|collect</c>: the command line of src/Sweeps, which
/// does the work (docs/sweeps.md).
/// </summary>
internal sealed class SweepCommand : Command
{

    private readonly CommandOutput output;
    private readonly CancellationToken stop;

    /// <summary>Creates the command, writing to <paramref name="output"/>; cancelling <paramref name="stop"/> acts as SIGTERM does.</summary>
    public SweepCommand(CommandOutput output, CancellationToken stop = default)
        : base("sweep", "Plan design-space sweeps and run their points here or as Slurm job arrays; search per-layer bitwidths.")
    {
        this.output = output;
        this.stop = stop;
        Subcommands.Add(PlanCommand());
        Subcommands.Add(RunCommand());
        Subcommands.Add(RunPointCommand());
        Subcommands.Add(StatusCommand());
        Subcommands.Add(SubmitCommand());
        Subcommands.Add(ResubmitCommand());
        Subcommands.Add(BitwidthsCommand());
        Subcommands.Add(CollectCommand());
    }

    /// <summary>How workers and Slurm tasks start taxo; tests set the built taxo.</summary>
    internal static TaxoCommand Taxo => TaxoCommand.Current(typeof(SweepCommand).Assembly.Location);

    private static Argument<string> Folder() => new("DIR") { Description = "The sweep folder that 'taxo sweep plan' wrote." };

    private Command PlanCommand()
    {
        var file = new Argument<string>("FILE") { Description = "The .taxo file with the sweep." };
        var into = new Option<string>("--output", "-o") { Description = "The sweep folder to write (created if missing).", Required = true, HelpName = "DIR" };
        var sweep = new Option<string?>("--sweep") { Description = "The sweep, when the file has several." };
        var command = new Command("plan", "Write a sweep's points into DIR: sweep.json and manifest.jsonl (one point per line, each with a stable id).") { file, into, sweep };
        command.SetAction(parse => Plan(parse.GetRequiredValue(file), parse.GetRequiredValue(into), parse.GetValue(sweep)));
        return command;
    }

    private int Plan(string file, string into, string? sweepName)
    {
        var folder = new SweepFolder(into);
        var plan = SweepPlanner.Plan(file, sweepName, folder, out var diagnostics, out var error);
        var writer = new DiagnosticWriter(output.Out, output.OutIsTerminal);
        foreach (var diagnostic in diagnostics)
        {
            writer.Write(diagnostic);
        }

        if (plan is null)
        {
            if (error is not null)
            {
                output.Error.WriteLine($"error: {error}");
            }

            return ExitCodes.Failure;
        }

        if (folder.HasPlan)
        {
            var existing = Guard(folder.Read);
            if (existing is null || existing.Points.Select(p => p.Id).SequenceEqual(plan.Points.Select(p => p.Id)) is false)
            {
                output.Error.WriteLine($"error: '{folder.Path}' holds another plan; plan into a new folder (results are kept per folder).");
                return ExitCodes.Failure;
            }
        }

        try
        {
            folder.Write(plan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Error.WriteLine($"error: the plan cannot be written: {e.Message}");
            return ExitCodes.Failure;
        }

        var done = folder.DoneIds();
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"planned sweep {plan.Sweep}: {plan.Points.Length} points ({plan.Points.Count(p => done.Contains(p.Id))} with results) in {folder.Path}"));
        return ExitCodes.Success;
    }

    private Command RunCommand()
    {
        var dir = Folder();
        var jobs = new Option<int>("--jobs", "-j") { Description = "Points trained at once, each in its own process (default 1).", DefaultValueFactory = _ => 1, HelpName = "N" };
        var command = new Command("run", "Run the points without a result on this machine, in parallel processes, with a progress bar.") { dir, jobs };
        command.SetAction(parse => Run(parse.GetRequiredValue(dir), parse.GetValue(jobs)));
        return command;
    }

    private int Run(string dir, int jobs)
    {
        if (jobs is < 1 or > 1024)
        {
            output.Error.WriteLine("--jobs takes a whole number from 1 to 1024.");
            return ExitCodes.Usage;
        }

        var folder = new SweepFolder(dir);
        if (Guard(folder.Read) is not { } plan)
        {
            return ExitCodes.Failure;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var signals = StopSignals.Listen(stopping, userSignal: true);
        var display = ProgressDisplay.For(output.Error, output.ErrorTerminalWidth, TimeProvider.System, ProgressUnits.Sweep);
        output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"running sweep {plan.Sweep}: {plan.Points.Length} points, {jobs} at a time"));
        LocalRunSummary summary;
        try
        {
            // The shared display counts samples and shows a loss; here a point is a sample and the loss the failed share.
            var progress = new Progress(display);
            summary = LocalSweepRunner.Run(folder, plan, jobs, Taxo, progress, stopping.Token);
        }
        catch (SweepException e)
        {
            display.Finish();
            output.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            StopSignals.Stop(signals);
        }

        display.Finish();
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Done} of {summary.Total} points done, {summary.Failed} failed (see {folder.LogsFolder}), {summary.Stopped} stopped at a checkpoint"));
        return summary.Stopped > 0 ? ExitCodes.Stopped : summary.Failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private sealed class Progress(ProgressDisplay display) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) =>
            display.Report(new TrainingProgress(value.Finished + value.Failed, value.Total, value.Total == 0 ? 0 : (double)value.Failed / value.Total, value.PointsPerSecond));
    }

    private Command RunPointCommand()
    {
        var dir = Folder();
        var index = new Option<int>("--index") { Description = "The task: it runs points I*K to I*K+K-1 of the manifest.", Required = true, HelpName = "I" };
        var perTask = new Option<int>("--points-per-task") { Description = "K, the points of one task (default 1).", DefaultValueFactory = _ => 1, HelpName = "K" };
        var every = new Option<long>("--checkpoint-every") { Description = "Samples between two checkpoints of a point (default 5000).", DefaultValueFactory = _ => 5000, HelpName = "N" };
        var command = new Command("run-point", "Run one task's points (the entry a scheduler calls); on SIGTERM, SIGINT or SIGUSR1 write a checkpoint and exit 3 (at SIGUSR1 under Slurm, requeue the task first).")
        {
            dir, index, perTask, every,
        };
        command.SetAction(parse => RunPoint(parse.GetRequiredValue(dir), parse.GetValue(index), parse.GetValue(perTask), parse.GetValue(every)));
        return command;
    }

    private int RunPoint(string dir, int index, int pointsPerTask, long checkpointEvery)
    {
        if (pointsPerTask < 1 || index < 0 || checkpointEvery < 1)
        {
            output.Error.WriteLine("--index takes a whole number from 0, --points-per-task and --checkpoint-every from 1.");
            return ExitCodes.Usage;
        }

        var folder = new SweepFolder(dir);
        if (Guard(folder.Read) is not { } plan)
        {
            return ExitCodes.Failure;
        }

        if (index >= plan.TaskCount(pointsPerTask))
        {
            output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: the sweep has {plan.TaskCount(pointsPerTask)} tasks of {pointsPerTask} point(s); there is no task {index}."));
            return ExitCodes.Usage;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var warned = false;
        var signals = StopSignals.Listen(stopping, userSignal: true, () => warned = true);
        var runner = new PointRunner(folder, plan, output.Error, RunContext.FromEnvironment()) { CheckpointEvery = checkpointEvery };
        var failed = false;
        try
        {
            foreach (var point in plan.PointsOfTask(index, pointsPerTask))
            {
                switch (runner.Run(point, stopping.Token))
                {
                    case PointOutcome.Stopped:
                        if (warned && Environment.GetEnvironmentVariable("SLURM_JOB_ID") is not null)
                        {
                            // The warning before the time limit: Slurm would not requeue the task by itself.
                            output.Error.WriteLine(SlurmBackend.RequeueSelf(ProcessSlurmCommands.Instance) is { } problem ? $"error: {problem}" : "requeued this task; it resumes from the checkpoint");
                        }

                        return ExitCodes.Stopped;
                    case PointOutcome.Failed:
                        failed = true;
                        break;
                }
            }
        }
        finally
        {
            StopSignals.Stop(signals);
        }

        return failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    private Command StatusCommand()
    {
        var dir = Folder();
        var command = new Command("status", "Count the points done, running, queued and missing, from the result files and squeue.") { dir };
        command.SetAction(parse => Status(parse.GetRequiredValue(dir)));
        return command;
    }

    private int Status(string dir)
    {
        var folder = new SweepFolder(dir);
        if (Guard(folder.Read) is not { } plan)
        {
            return ExitCodes.Failure;
        }

        var status = Guard(() => new SlurmBackend(folder, plan, ProcessSlurmCommands.Instance).Status());
        if (status is null)
        {
            return ExitCodes.Failure;
        }

        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep {plan.Sweep}: {status.Done} done, {status.Running} running, {status.Queued} queued, {status.Missing} missing, of {status.Total}"));
        if (status.SchedulerProblem is not null)
        {
            output.Error.WriteLine($"warning: {status.SchedulerProblem}; running and queued points are counted as missing.");
        }

        return ExitCodes.Success;
    }

    private static (Option<int?> MaxParallel, Option<int> PerTask, Option<int> Signal, Argument<string[]> Extra) SlurmOptions() =>
        (new Option<int?>("--max-parallel") { Description = "Tasks running at once (the array's %M).", HelpName = "M" },
         new Option<int>("--points-per-task") { Description = "Points each task runs (default 1).", DefaultValueFactory = _ => 1, HelpName = "K" },
         new Option<int>("--signal-seconds") { Description = "Seconds before the time limit at which a task checkpoints and requeues itself (default 300).", DefaultValueFactory = _ => 300, HelpName = "S" },
         new Argument<string[]>("SBATCH_ARGS") { Description = "After '--': arguments for sbatch as they are (--partition, --account, --time...).", Arity = ArgumentArity.ZeroOrMore });

    private Command SubmitCommand()
    {
        var dir = Folder();
        var backend = new Option<string>("--backend") { Description = "The scheduler: slurm.", Required = true };
        backend.AcceptOnlyFromAmong("slurm");
        var (maxParallel, perTask, signal, extra) = SlurmOptions();
        var command = new Command("submit", "Submit the points without a result as a Slurm job array (sbatch --parsable); arguments after '--' go to sbatch.")
        {
            dir, backend, maxParallel, perTask, signal, extra,
        };
        command.SetAction(parse => Submit(parse.GetRequiredValue(dir), new SubmitOptions(parse.GetValue(maxParallel), parse.GetValue(perTask), parse.GetValue(signal), [.. parse.GetValue(extra) ?? []]), null));
        return command;
    }

    private Command ResubmitCommand()
    {
        var dir = Folder();
        var attempts = new Option<int>("--max-attempts") { Description = "Submissions of one task before it is given up (default 3).", DefaultValueFactory = _ => 3, HelpName = "A" };
        var (maxParallel, _, signal, extra) = SlurmOptions();
        var command = new Command("resubmit", "Submit again the tasks whose points have no result and that Slurm no longer queues or runs, up to --max-attempts submissions each.")
        {
            dir, attempts, maxParallel, signal, extra,
        };
        command.SetAction(parse => Submit(parse.GetRequiredValue(dir), new SubmitOptions(parse.GetValue(maxParallel), 1, parse.GetValue(signal), [.. parse.GetValue(extra) ?? []]), parse.GetValue(attempts)));
        return command;
    }

    private int Submit(string dir, SubmitOptions options, int? maxAttempts)
    {
        if (options.PointsPerTask < 1 || options.MaxParallel is < 1 || options.SignalSeconds < 1 || maxAttempts is < 1)
        {
            output.Error.WriteLine("--points-per-task, --max-parallel, --signal-seconds and --max-attempts take whole numbers from 1.");
            return ExitCodes.Usage;
        }

        var folder = new SweepFolder(dir);
        if (Guard(folder.Read) is not { } plan)
        {
            return ExitCodes.Failure;
        }

        var backend = new SlurmBackend(folder, plan, ProcessSlurmCommands.Instance);
        var givenUp = ImmutableArray<int>.Empty;
        var outcome = Guard(() => maxAttempts is { } cap ? backend.Resubmit(Taxo, options, cap, out givenUp) : backend.Submit(Taxo, options, null));
        if (outcome is null)
        {
            return ExitCodes.Failure;
        }

        if (!givenUp.IsEmpty && outcome.JobId is not null)
        {
            output.Error.WriteLine($"warning: tasks {TaskRanges.Format(givenUp)} reached --max-attempts and are not submitted again.");
        }

        if (!outcome.Succeeded)
        {
            output.Error.WriteLine($"error: {outcome.Message}");
            return ExitCodes.Failure;
        }

        output.Out.WriteLine(outcome.Message);
        return ExitCodes.Success;
    }

    private Command BitwidthsCommand()
    {
        var file = new Argument<string>("FILE") { Description = "The .taxo file with the training set-up (or a sweep whose set-up, budget and limit are used)." };
        var budget = new Option<string?>("--budget") { Description = "How far the misclassification may rise above float32's, in percentage points, such as 1pp (default: the sweep's, else 1pp).", HelpName = "Npp" };
        var training = new Option<string?>("--training") { Description = "The training set-up, when the file has several." };
        var limit = new Option<long?>("--limit") { Description = "Training samples per trial (default: the sweep's limit, else the set-up's epochs).", HelpName = "N" };
        var command = new Command("bitwidths", "Find, per layer and per pass, the fewest bits whose trained misclassification stays within the budget of float32, and report the area and power saved.")
        {
            file, budget, training, limit,
        };
        command.SetAction(parse => Bitwidths(parse.GetRequiredValue(file), parse.GetValue(budget), parse.GetValue(training), parse.GetValue(limit)));
        return command;
    }

    private Command CollectCommand()
    {
        var dir = Folder();
        var into = new Option<string?>("--output", "-o") { Description = "The table to write: CSV for .csv, an SQLite database for .sqlite, .sqlite3 or .db.", HelpName = "OUT.csv|OUT.sqlite" };
        var plot = new Option<string?>("--plot") { Description = "Draw the Pareto frontiers (misclassification against area, power and energy; cycles and energy against area when the points did not train), dominated points faded.", HelpName = "OUT.svg|OUT.png" };
        var command = new Command("collect", "Gather every result of the sweep into one table (CSV or SQLite) and/or a plot of its Pareto frontiers, each written atomically.") { dir, into, plot };
        command.SetAction(parse => Collect(parse.GetRequiredValue(dir), parse.GetValue(into), parse.GetValue(plot)));
        return command;
    }

    private int Collect(string dir, string? into, string? plotPath)
    {
        var table = into is null ? null : Path.GetExtension(into).ToUpperInvariant() switch
        {
            ".CSV" => "csv",
            ".SQLITE" or ".SQLITE3" or ".DB" => "sqlite",
            _ => string.Empty,
        };
        var plotFormat = plotPath is null ? null : TrainingPlot.FormatOf(plotPath);
        if ((into is null && plotPath is null) || table == string.Empty || (plotPath is not null && plotFormat is null))
        {
            output.Error.WriteLine(into is null && plotPath is null
                ? "collect needs -o OUT.csv (or OUT.sqlite), --plot OUT.svg (or OUT.png), or both."
                : table == string.Empty
                    ? $"-o takes a file ending in .csv (a CSV table) or .sqlite, .sqlite3 or .db (an SQLite database); '{into}' is neither."
                    : $"--plot takes a file ending in .svg or .png; '{plotPath}' is neither.");
            return ExitCodes.Usage;
        }

        var folder = new SweepFolder(dir);
        if (Guard(folder.Read) is not { } plan || Guard<IReadOnlyList<PointResult>>(() => ResultFile.ReadAll(folder)) is not { } results)
        {
            return ExitCodes.Failure;
        }

        // The plot is drawn before anything is written, so that a sweep that cannot be plotted leaves no table either.
        byte[]? picture = null;
        if (plotFormat is { } format)
        {
            var panels = FrontierPanels.Of(plan, results, out var whyNot);
            if (panels.IsEmpty)
            {
                output.Error.WriteLine($"error: sweep {plan.Sweep} cannot be plotted: {whyNot}");
                return ExitCodes.Failure;
            }

            if (PlotFonts.Family is null)
            {
                output.Error.WriteLine($"error: {PlotFonts.MissingMessage}");
                return ExitCodes.Failure;
            }

            var title = string.Create(CultureInfo.InvariantCulture, $"sweep {plan.Sweep}: Pareto frontiers of {panels.Max(p => p.Points.Length)} points");
            picture = ParetoPlot.Draw(format, title, panels, results.Select(r => r.EnergyUnit).FirstOrDefault(u => u is not null));
        }

        try
        {
            if (table == "csv")
            {
                if (Guard(() => SweepCollector.Csv(folder, plan)) is not { } csv)
                {
                    return ExitCodes.Failure;
                }

                IO.AtomicFile.WriteAllText(into!, csv);
            }
            else if (table == "sqlite" && Guard(() => SweepDatabase.Write(into!, folder, plan).ToString(CultureInfo.InvariantCulture)) is null)
            {
                return ExitCodes.Failure;
            }

            if (picture is not null)
            {
                Runtime.Serialization.AtomicFile.WriteAllBytes(plotPath!, picture);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            output.Error.WriteLine($"error: the {(picture is null ? "table" : "table or plot")} cannot be written: {e.Message}");
            return ExitCodes.Failure;
        }

        var written = string.Join(" and ", new[] { into, plotPath }.OfType<string>());
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{results.Count} results of {plan.Points.Length} points written to {written}"));
        return ExitCodes.Success;
    }

    private int Bitwidths(string file, string? budgetText, string? only, long? limitOption)
    {
        double? budget = null;
        if (budgetText is not null)
        {
            var number = budgetText.Trim();
            number = number.EndsWith("pp", StringComparison.Ordinal) ? number[..^2].TrimEnd() : number;
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || parsed is < 0 or > 100 || !double.IsFinite(parsed))
            {
                output.Error.WriteLine($"--budget takes percentage points from 0 to 100, such as 1pp; '{budgetText}' is not one.");
                return ExitCodes.Usage;
            }

            budget = parsed;
        }

        if (limitOption is < 1)
        {
            output.Error.WriteLine("--limit takes a whole number from 1.");
            return ExitCodes.Usage;
        }

        var compilation = Compiler.Compilation.Create([file]);
        var writer = new DiagnosticWriter(output.Out, output.OutIsTerminal);
        foreach (var diagnostic in compilation.Diagnostics)
        {
            writer.Write(diagnostic);
        }

        if (compilation.HasErrors)
        {
            return ExitCodes.Failure;
        }

        var root = compilation.Sources.Files[0].Source;
        var sweep = only is null ? compilation.Model.Sweeps.FirstOrDefault(s => ReferenceEquals(s.Location.Source, root)) : null;
        var trainings = compilation.RootSteps().Select(s => s.Training).Where(t => only is null || t.Name == only).ToList();
        var training = sweep?.Training ?? (trainings.Count == 1 ? trainings[0] : null);
        if (training is null)
        {
            output.Error.WriteLine(trainings.Count == 0
                ? $"{file}: no training set-up{(only is null ? string.Empty : $" named '{only}'")} (or sweep) to search."
                : $"{file} has {trainings.Count} training set-ups; choose one with --training ({string.Join(", ", trainings.Select(t => t.Name))}).");
            return trainings.Count == 0 ? ExitCodes.Failure : ExitCodes.Usage;
        }

        var chosenBudget = budget ?? sweep?.Budget ?? 1;
        var limit = limitOption ?? sweep?.Limit;
        if (Guard(() => SweepData.Load(training)) is not { } data)
        {
            return ExitCodes.Failure;
        }

        output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bitwidth search for {training.Name}: budget {chosenBudget} pp against float32, {(limit is { } n ? $"{n:N0} samples" : "the set-up's epochs")} per training"));
        var report = BitwidthSearch.Run(training, data, chosenBudget, limit, 16, line => output.Error.WriteLine("  " + line));
        WriteBitwidthReport(report);
        return ExitCodes.Success;
    }

    private void WriteBitwidthReport(BitwidthReport report)
    {
        var o = output.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"misclassification: float32 {report.FloatMisclassification:P2}, uniform 16 bits {report.StartMisclassification:P2}, chosen {report.ChosenMisclassification:P2} ({(report.ChosenMisclassification - report.FloatMisclassification) * 100:+0.00;-0.00} pp; budget {report.Budget} pp)"));
        if (report.StartOutsideBudget)
        {
            o.WriteLine("the uniform start is already outside the budget: nothing was narrowed; give the set-up formats that train at 16 bits, or a larger budget.");
        }

        o.WriteLine();
        o.WriteLine($"{"stage",-8} {"forward",-14} {"error",-14} {"weight_gradient",-16} {"update",-14}");
        foreach (var stage in report.Choices.GroupBy(c => c.Stage))
        {
            string Cell(string pass) => stage.FirstOrDefault(c => c.Pass == pass) is { } c ? $"{c.Bits} {c.Format[5..]}" : "-";
            o.WriteLine(stage.Key == "input"
                ? $"{"input",-8} {Cell("input"),-14}"
                : $"{stage.Key,-8} {Cell("forward"),-14} {Cell("error"),-14} {Cell("weight_gradient"),-16} {Cell("update"),-14}");
        }

        o.WriteLine();
        var cost = report.Cost;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trainings: {report.Trials.Length + 1} (with the float32 reference), against {report.GridTrainings:0.###e+00} for the grid of every width of every group"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"area:  {cost.Formats.Area:0.###e+00} (array at {cost.Formats.AreaBits} bits); full precision {cost.FullPrecision.Area:0.###e+00}: {cost.AreaSaving:0.00}x saved; uniform 16 bits {cost.Uniform16.Area:0.###e+00}: {cost.Uniform16.Area / cost.Formats.Area:0.00}x"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"power: {cost.Formats.Power:0.###e+00}; full precision {cost.FullPrecision.Power:0.###e+00}: {cost.PowerSaving:0.00}x saved; uniform 16 bits {cost.Uniform16.Power:0.###e+00}: {cost.Uniform16.Power / cost.Formats.Power:0.00}x"));
    }

    // A library failure the user can fix becomes a message and a null; bugs still surface.
    private T? Guard<T>(Func<T> action)
        where T : class
    {
        try
        {
            return action();
        }
        catch (SweepException e)
        {
            output.Error.WriteLine($"error: {e.Message}");
            return null;
        }
    }
}
