using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TaxoNN.Cli.IO;
using TaxoNN.Cli.Output;
using TaxoNN.Compiler;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Simulation;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Cli.Commands;

/// <summary>
/// <c>taxo simulate FILE [--steps N] [--no-fuse] [--synthetic] [--trace OUT.json] [--watch-pe R,C] [--training NAME]
/// [--data DIR] [--cycle-budget N]</c>: runs training steps cycle by cycle on the simulated array and prints cycles,
/// stalls, utilisation, accesses per level and time per op kind and in total, checked against the compiler's schedule.
/// </summary>
internal sealed class SimulateCommand : Command
{
    private readonly CommandOutput output;
    private readonly CancellationToken stop;
    private readonly Argument<string> file = new("FILE") { Description = "The .taxo file with the training set-up." };
    private readonly Option<int> steps = new("--steps") { HelpName = "N", Description = "Training steps to simulate.", DefaultValueFactory = _ => 1 };
    private readonly Option<bool> noFuse = new("--no-fuse") { Description = "Do not fuse error and update at batch 1." };
    private readonly Option<bool> synthetic = new("--synthetic") { Description = "Seeded synthetic inputs and labels of the network's shape instead of the data set." };
    private readonly Option<string?> trace = new("--trace") { HelpName = "OUT.json", Description = "Write the first step's executed timeline as Chrome/Perfetto trace events (atomically)." };
    private readonly Option<string?> watchPe = new("--watch-pe") { HelpName = "R,C", Description = "Print what the PE at row R, column C does, cycle by cycle, in the first step." };
    private readonly Option<string?> training = new("--training") { Description = "The training set-up, when the file has several." };
    private readonly Option<string?> data = new("--data") { Description = "A folder with the data set's files (default: the set-up's path, relative to FILE)." };
    private readonly Option<long> cycleBudget = new("--cycle-budget") { HelpName = "N", Description = "Stop with TAXO6003 when a step would take more cycles than this.", DefaultValueFactory = _ => SimulatorOptions.DefaultCycleBudget };

    /// <summary>Creates the command; cancelling <paramref name="stop"/> (or SIGINT/SIGTERM) stops a run with exit code 3.</summary>
    public SimulateCommand(CommandOutput output, CancellationToken stop = default)
        : base("simulate", "Run training steps cycle by cycle on the simulated PE array and report cycles, stalls, utilisation and accesses per level.")
    {
        this.output = output;
        this.stop = stop;
        Arguments.Add(file);
        foreach (var option in new Option[] { steps, noFuse, synthetic, trace, watchPe, training, data, cycleBudget })
        {
            Options.Add(option);
        }

        SetAction(parseResult => Run(
            parseResult.GetRequiredValue(file),
            parseResult.GetValue(steps),
            !parseResult.GetValue(noFuse),
            parseResult.GetValue(synthetic),
            parseResult.GetValue(trace),
            parseResult.GetValue(watchPe),
            parseResult.GetValue(training),
            parseResult.GetValue(data),
            parseResult.GetValue(cycleBudget)));
    }

    /// <summary>Simulates; returns the exit code.</summary>
    public int Run(string path, int stepCount, bool fuse, bool useSynthetic, string? tracePath, string? watch, string? only, string? dataFolder, long budget)
    {
        if (stepCount < 1 || budget < 1)
        {
            output.Error.WriteLine(stepCount < 1 ? "--steps needs a positive number of steps." : "--cycle-budget needs a positive number of cycles.");
            return ExitCodes.Usage;
        }

        (int Row, int Column)? watched = null;
        if (watch is not null)
        {
            var parts = watch.Split(',');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var row)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var column))
            {
                output.Error.WriteLine($"--watch-pe takes a row and a column counted from 0, as in '--watch-pe 0,3', not '{watch}'.");
                return ExitCodes.Usage;
            }

            watched = (row, column);
        }

        var writer = new DiagnosticWriter(output.Out, output.OutIsTerminal);
        var compilation = Compilation.Create([path], fuse: fuse);
        foreach (var diagnostic in compilation.Diagnostics)
        {
            writer.Write(diagnostic);
        }

        if (compilation.HasErrors)
        {
            return ExitCodes.Failure;
        }

        var candidates = compilation.RootSteps().Where(s => only is null || s.Training.Name == only).ToList();
        if (candidates.Count != 1)
        {
            output.Error.WriteLine(candidates.Count == 0
                ? $"{path}: no training set-up{(only is null ? string.Empty : $" named '{only}'")} to simulate."
                : $"{path} has {candidates.Count} training set-ups; choose one with --training ({string.Join(", ", candidates.Select(s => s.Training.Name))}).");
            return candidates.Count == 0 ? ExitCodes.Failure : ExitCodes.Usage;
        }

        var step = candidates[0];
        var setup = step.Training;
        var accelerator = setup.Accelerator;
        if (watched is { } w && (w.Row >= accelerator.Rows || w.Column >= accelerator.Columns))
        {
            output.Error.WriteLine($"--watch-pe {w.Row},{w.Column} is outside the {accelerator.Rows} x {accelerator.Columns} array of '{accelerator.Name}'; rows and columns count from 0.");
            return ExitCodes.Usage;
        }

        LabeledImages? train = null;
        if (!useSynthetic)
        {
            var folder = dataFolder ?? Path.Combine(Path.GetDirectoryName(path) ?? ".", setup.Data.Path);
            var dataset = DataLoader.Load(setup.Data.Dataset, folder);
            foreach (var diagnostic in dataset.Diagnostics)
            {
                writer.Write(diagnostic);
            }

            if (!dataset.Succeeded)
            {
                output.Error.WriteLine("Simulate with --synthetic to run without the data set.");
                return ExitCodes.Failure;
            }

            train = dataset.Train!;
        }

        var schedule = Scheduler.Build(step);
        var options = new SimulatorOptions { CycleBudget = budget, WatchPe = watched, RecordSets = tracePath is not null };
        var (simulator, problems) = Simulator.Create(schedule, options);
        foreach (var diagnostic in problems)
        {
            writer.Write(diagnostic);
        }

        if (simulator is null)
        {
            return ExitCodes.Failure;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var signals = StopSignals.Listen(stopping, userSignal: false);
        try
        {
            return Simulate(simulator, schedule, train, stepCount, tracePath, writer, stopping.Token);
        }
        finally
        {
            signals.ForEach(s => s.Dispose());
        }
    }

    private int Simulate(Simulator simulator, Schedule schedule, LabeledImages? train, int stepCount, string? tracePath, DiagnosticWriter writer, CancellationToken cancel)
    {
        var setup = schedule.Step.Training;
        var batch = schedule.Step.BatchSize;
        var size = (int)setup.Network.Input.Elements;
        var values = new float[batch * size];
        var labels = new int[batch];
        var classes = (int)setup.Network.Layers[^1].Output.Elements;
        var scaler = InputScaler.For(setup.Data);
        var order = train is null ? [] : Trainer.Order(setup.Seed, 0, train.Count, setup.Shuffle);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var progress = new Progress(this, stepCount, clock, () => lastReport, value => lastReport = value);
        SimulatedStep? first = null;
        long cycles = 0;
        for (var s = 0; s < stepCount; s++)
        {
            if (train is null)
            {
                SyntheticSamples.Fill(setup.Seed, (long)s * batch, values, labels, classes);
            }
            else
            {
                for (var b = 0; b < batch; b++)
                {
                    var index = order[(int)((((long)s * batch) + b) % order.Length)];
                    scaler.Scale(train, index, values.AsSpan(b * size, size));
                    labels[b] = train.Labels[index];
                }
            }

            progress.Step = s;
            var simulated = simulator.Step(values, labels, progress, cancel);
            foreach (var diagnostic in simulated.Diagnostics)
            {
                writer.Write(diagnostic);
            }

            if (!simulated.Diagnostics.IsEmpty)
            {
                return ExitCodes.Failure;
            }

            if (simulated.Stopped)
            {
                output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stopped in step {s + 1} of {stepCount} (exit code {ExitCodes.Stopped})"));
                return ExitCodes.Stopped;
            }

            if (ScheduleAgreement.FirstDifference(schedule, simulated) is { } difference)
            {
                output.Error.WriteLine($"error: the simulated step {s + 1} differs from the compiler's schedule: {difference}");
                return ExitCodes.Failure;
            }

            first ??= simulated;
            cycles += simulated.TotalCycles;
        }

        clock.Stop();
        SimulationTextReport.Write(output.Out, schedule, first!, stepCount, cycles, clock.Elapsed);
        if (first!.Watch.Length > 0)
        {
            output.Out.WriteLine();
            output.Out.WriteLine($"PE ({simulator.Options.WatchPe!.Value.Row},{simulator.Options.WatchPe!.Value.Column}) in step 1, cycle by cycle:");
            foreach (var line in first.Watch)
            {
                output.Out.WriteLine(line);
            }
        }

        if (tracePath is not null)
        {
            try
            {
                AtomicFile.WriteAllText(tracePath, SimulationTraceEmitter.Emit(schedule, first));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                output.Error.WriteLine($"{tracePath}: error: the trace cannot be written: {e.Message}");
                return ExitCodes.Failure;
            }
        }

        return ExitCodes.Success;
    }

    // Writes a progress line to standard error at most once a second, so that long runs show they are alive.
    private sealed class Progress(SimulateCommand command, int steps, Stopwatch clock, Func<TimeSpan> last, Action<TimeSpan> setLast) : IProgress<SimulationProgress>
    {
        public int Step { get; set; }

        public void Report(SimulationProgress value)
        {
            if (clock.Elapsed - last() < TimeSpan.FromSeconds(1))
            {
                return;
            }

            setLast(clock.Elapsed);
            command.output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"step {Step + 1}/{steps}: op {value.OpsDone + 1}/{value.OpCount} {value.Op}, {value.Cycles:N0} cycles so far, {clock.Elapsed.TotalSeconds:F0} s"));
        }
    }
}
