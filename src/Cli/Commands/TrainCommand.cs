using System.CommandLine;
using System.Globalization;
using TaxoNN.Cli.IO;
using System.Text;
using System.Text.Json;
using TaxoNN.Cli.Output;
using TaxoNN.Cli.Plots;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.CostModel;
using TaxoNN.Runtime.Reporting;
using TaxoNN.Runtime.Serialization;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Cli.Commands;

/// <summary>
/// <c>taxo train FILE [--epochs E] [--limit N] [--no-shuffle] [--data DIR] [--precision fixed|float] [--compare-float]
/// [--report OUT.json] [--training NAME] [--init-weights W.npz] [--save-weights OUT.npz] [--checkpoint PATH]
/// [--checkpoint-every N] [--resume] [--plot OUT.svg|OUT.png]</c>: trains the file's set-up on its data set and reports the
/// test misclassification next to what one step costs on the accelerator.
/// </summary>
internal sealed class TrainCommand : Command
{
    private readonly CommandOutput output;
    private readonly CancellationToken stop;
    private readonly Argument<string> file = new("FILE") { Description = "The .taxo file with the training set-up." };
    private readonly Option<int?> epochs = new("--epochs") { Description = "Epochs to train (default: the set-up's)." };
    private readonly Option<long?> limit = new("--limit") { Description = "Stop after this many training samples." };
    private readonly Option<bool> noShuffle = new("--no-shuffle") { Description = "Keep the data set's order." };
    private readonly Option<string?> data = new("--data") { Description = "A folder with the data set's files under their standard names (default: the set-up's path, relative to FILE)." };
    private readonly Option<string> precision = new("--precision") { Description = "fixed: the set-up's formats, bit-exact; float: float32.", DefaultValueFactory = _ => "fixed" };
    private readonly Option<bool> compareFloat = new("--compare-float") { Description = "Also train in float32 with the same seed and sample order, and report both." };
    private readonly Option<string?> report = new("--report") { Description = "Write a JSON report (docs/report-schema.md) of accuracy, speed and costs." };
    private readonly Option<string?> training = new("--training") { Description = "The training set-up, when the file has several." };
    private readonly Option<string?> initWeights = new("--init-weights") { HelpName = "W.npz", Description = "Start from the weights in this .npz (PyTorch state_dict names and layouts, float32) instead of the seeded initialisation." };
    private readonly Option<string?> checkpoint = new("--checkpoint") { HelpName = "PATH", Description = "The checkpoint file that --checkpoint-every, a stop signal and --resume use (default: beside the --report, named like it with '.checkpoint.npz' for '.json'; without --report, '<training>.checkpoint.npz' in the current folder)." };
    private readonly Option<long?> checkpointEvery = new("--checkpoint-every") { HelpName = "N", Description = "Write a checkpoint (atomically) at the first batch boundary at or after every N training samples." };
    private readonly Option<bool> resume = new("--resume") { Description = "Continue bit-identically from the checkpoint: its weights, its epoch's sample order and its step." };
    private readonly Option<string?> saveWeights = new("--save-weights") { HelpName = "OUT.npz", Description = "Write the trained weights to this .npz (PyTorch state_dict names and layouts, float32), atomically." };
    private readonly Option<int> threads = ThreadsOption.Create();
    private readonly Option<string?> plot = new("--plot") { HelpName = "OUT.svg", Description = "Also draw the running training loss over samples and the test misclassification per epoch (both precisions with --compare-float), as SVG or PNG by the file's extension, written atomically." };

    /// <summary>
    /// Creates the command, writing to <paramref name="output"/>. While it trains it listens for SIGTERM, SIGINT and
    /// SIGUSR1, and for <paramref name="stop"/> (which a host or a test may cancel): either writes a checkpoint at the
    /// next batch boundary and ends the run with exit code 3.
    /// </summary>
    public TrainCommand(CommandOutput output, CancellationToken stop = default)
        : base("train", "Train a set-up on its data set in fixed point (or float32) and report accuracy next to cost. "
            + "On SIGTERM, SIGINT or SIGUSR1 it writes a checkpoint at the next batch boundary and exits with code 3; --resume continues from it.")
    {
        this.output = output;
        this.stop = stop;
        precision.AcceptOnlyFromAmong("fixed", "float");
        Arguments.Add(file);
        foreach (var option in new Option[] { epochs, limit, noShuffle, data, precision, compareFloat, report, training, initWeights, saveWeights, checkpoint, checkpointEvery, resume, plot, threads })
        {
            Options.Add(option);
        }

        SetAction(parseResult => Run(new TrainSettings(
            parseResult.GetRequiredValue(file),
            parseResult.GetValue(epochs),
            parseResult.GetValue(limit),
            parseResult.GetValue(noShuffle),
            parseResult.GetValue(data),
            parseResult.GetValue(precision) == "float" ? PrecisionMode.Float : PrecisionMode.Fixed,
            parseResult.GetValue(compareFloat),
            parseResult.GetValue(report),
            parseResult.GetValue(training),
            parseResult.GetValue(initWeights),
            parseResult.GetValue(saveWeights),
            parseResult.GetValue(checkpoint),
            parseResult.GetValue(checkpointEvery),
            parseResult.GetValue(resume),
            parseResult.GetValue(plot),
            parseResult.GetValue(threads))));
    }

    /// <summary>Trains; returns the exit code.</summary>
    public int Run(TrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = settings.Path;
        var mode = settings.Precision;
        var only = settings.Training;
        var reportPath = settings.ReportPath;
        var writer = new DiagnosticWriter(output.Out, output.OutIsTerminal);

        // The kernels compile on another core while the set-up and the data are read (they run only after that).
        var warmUp = KernelWarmUp.Start(mode == PrecisionMode.Fixed, mode == PrecisionMode.Float || settings.CompareFloat);
        if (TrainingSetupLoader.Load(output, writer, path, only, settings.DataFolder, out var exitCode) is not var (step, dataset))
        {
            return exitCode;
        }

        var setup = step.Training;
        WeightSet? initial = null;
        if (settings.InitWeights is not null)
        {
            var read = WeightFile.Read(settings.InitWeights, setup.Network);
            foreach (var diagnostic in read.Diagnostics)
            {
                writer.Write(diagnostic);
            }

            if (read.Value is null)
            {
                return ExitCodes.Failure;
            }

            initial = read.Value;
        }

        if (settings.CompareFloat && (settings.CheckpointEvery is not null || settings.Resume) || settings.CheckpointEvery is <= 0
            || (settings.Resume && settings.InitWeights is not null))
        {
            output.Error.WriteLine(settings.CheckpointEvery is <= 0
                ? "--checkpoint-every needs a positive number of samples."
                : settings.CompareFloat
                    ? "--compare-float cannot be combined with --checkpoint-every or --resume: a checkpoint holds one run."
                    : "--init-weights cannot be combined with --resume: the checkpoint holds the weights.");
            return ExitCodes.Usage;
        }

        // Checked before training, so that a run of hours does not end in a plot that cannot be written.
        var plotFormat = PlotFormat.Svg;
        if (settings.PlotPath is { } plotPath)
        {
            if (TrainingPlot.FormatOf(plotPath) is not { } format)
            {
                output.Error.WriteLine($"--plot writes SVG or PNG: name the file '{Path.GetFileNameWithoutExtension(plotPath)}.svg' or '.png'.");
                return ExitCodes.Usage;
            }

            plotFormat = format;
            if (PlotFonts.Family is null)
            {
                output.Error.WriteLine($"error: the plot cannot be drawn: {PlotFonts.MissingMessage}");
                return ExitCodes.Failure;
            }

            if (PlotPathProblem(plotPath) is { } problem)
            {
                output.Error.WriteLine($"error: the plot cannot be written: {problem}");
                return ExitCodes.Failure;
            }
        }

        var checkpointPath = settings.CheckpointPath ?? DefaultCheckpointPath(reportPath, setup.Name);
        var networkPrint = NetworkFingerprint.Of(setup.Network);
        var precisionPrint = mode == PrecisionMode.Float ? PrecisionFingerprint.Float32 : PrecisionFingerprint.Of(setup);
        Checkpoint? resumed = null;
        if (settings.Resume)
        {
            var read = CheckpointFile.Read(checkpointPath, networkPrint, precisionPrint);
            foreach (var diagnostic in read.Diagnostics)
            {
                writer.Write(diagnostic);
            }

            if (read.Value is null)
            {
                return ExitCodes.Failure;
            }

            resumed = read.Value;
            var offset = resumed.Step - ((long)resumed.Epoch * resumed.DataOrder.Length);
            if (resumed.Seed != setup.Seed || resumed.DataOrder.Length != dataset.Train!.Count || offset < 0 || offset > resumed.DataOrder.Length)
            {
                output.Error.WriteLine(resumed.Seed != setup.Seed
                    ? string.Create(CultureInfo.InvariantCulture, $"error: {checkpointPath}: the checkpoint was written with seed {resumed.Seed}, but {setup.Name} has seed {setup.Seed}.")
                    : string.Create(CultureInfo.InvariantCulture, $"error: {checkpointPath}: the checkpoint's epoch {resumed.Epoch}, step {resumed.Step} and order of {resumed.DataOrder.Length} samples do not fit the {dataset.Train!.Count} training samples here."));
                return ExitCodes.Failure;
            }
        }

        var progress = ProgressDisplay.For(output.Error, output.ErrorTerminalWidth, TimeProvider.System);
        var checkpointFailed = false;
        bool WriteCheckpoint(INetwork network, TrainingPosition position)
        {
            // The messages below go on a line of their own, not after the progress bar's.
            progress.Interrupt();
            var state = Checkpoint.Capture(network, position, networkPrint, precisionPrint);
            var failures = CheckpointFile.Write(checkpointPath, state);
            foreach (var diagnostic in failures)
            {
                writer.Write(diagnostic);
            }

            checkpointFailed |= !failures.IsEmpty;
            if (failures.IsEmpty)
            {
                output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checkpoint after {position.Samples:N0} samples written to {checkpointPath}"));
            }

            return failures.IsEmpty;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var signals = StopSignals.Listen(stopping, userSignal: true);
        var options = new TrainingOptions(mode, settings.Epochs, settings.Limit, settings.KeepOrder ? false : null, progress, Threads: settings.Threads);
        var results = new List<TrainingResult>();
        INetwork? trained = null;
        try
        {
            foreach (var precisionMode in settings.CompareFloat && mode == PrecisionMode.Fixed ? new[] { PrecisionMode.Fixed, PrecisionMode.Float } : [mode])
            {
                output.Error.WriteLine($"training {setup.Name} in {ModeName(precisionMode)} on {dataset.Train!.Count:N0} samples of {dataset.Name}");
                var network = Trainer.CreateNetwork(setup, precisionMode);
                TrainingPosition? start = null;
                if (resumed is not null)
                {
                    start = resumed.RestoreInto(network);

                    output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resuming from {checkpointPath} after {start.Samples:N0} samples, in epoch {start.Epoch + 1}"));
                }
                else if (initial is not null)
                {
                    NetworkWeights.Import(network, initial);
                }

                var runOptions = options with { Precision = precisionMode };
                if (trained is null)
                {
                    runOptions = runOptions with
                    {
                        Start = start,
                        CheckpointEvery = settings.CheckpointEvery,
                        Checkpoint = position => WriteCheckpoint(network, position),
                        Stop = stopping.Token,
                    };
                }

                TrainingResult result;
                try
                {
                    // Compiling the kernels is start-up, like reading the data: it ends before the loop's clock starts
                    // (a warm-up that failed would cost speed alone: the kernels then compile at their first call).
                    warmUp.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
                    KernelWarmUp.Exercise(setup, precisionMode);
                    result = Trainer.Run(setup, network, dataset.Train, dataset.Test!, runOptions);
                }
                finally
                {
                    progress.Finish();
                }

                if (checkpointFailed)
                {
                    return ExitCodes.Failure;
                }

                if (result.Stopped)
                {
                    output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stopped after {result.Samples:N0} samples; continue with --resume (exit code {ExitCodes.Stopped})"));
                    return ExitCodes.Stopped;
                }

                results.Add(result);
                trained ??= network;

                // Only the first run can checkpoint; during the float32 comparison the signals act as they always do.
                StopSignals.Stop(signals);
            }
        }
        finally
        {
            StopSignals.Stop(signals);
        }

        if (settings.SaveWeights is not null)
        {
            var failures = WeightFile.Write(settings.SaveWeights, NetworkWeights.Export(trained!));
            foreach (var diagnostic in failures)
            {
                writer.Write(diagnostic);
            }

            if (!failures.IsEmpty)
            {
                return ExitCodes.Failure;
            }
        }

        var schedule = Scheduler.Build(step);
        var cost = SetupCostModel.Compute(schedule);
        foreach (var result in results)
        {
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ModeName(result.Precision),-6} test misclassification {result.Misclassification:P2} after {result.Samples:N0} samples, {result.SamplesPerSecond:N0} samples/s"));
        }

        if (results.Count == 2)
        {
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fixed point minus float32: {(results[0].Misclassification - results[1].Misclassification) * 100:+0.00;-0.00} percentage points"));
        }

        var perSample = schedule.CyclesPerSample;
        var clock = setup.Accelerator.ClockHz;
        var epochSamples = dataset.Train!.Count;
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accelerator: {perSample:N0} cycles per sample ({perSample / clock * 1e6:0.###} us at {clock / 1e6:0.###} MHz), {perSample * epochSamples / clock:0.###} s per epoch of {epochSamples:N0}; energy {cost.Formats.Energy.PerSample:0.000e+00} {cost.Formats.Energy.Unit} per sample"));

        if (reportPath is not null)
        {
            try
            {
                IO.AtomicFile.WriteAllText(reportPath, Report(setup, results, schedule, cost, epochSamples));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                output.Error.WriteLine($"error: the report cannot be written: {e.Message}");
                return ExitCodes.Failure;
            }
        }

        if (settings.PlotPath is not null)
        {
            try
            {
                Runtime.Serialization.AtomicFile.WriteAllBytes(settings.PlotPath,
                    TrainingPlot.Draw(plotFormat, $"{setup.Name} on {dataset.Name}: training loss and test misclassification", results));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                output.Error.WriteLine($"error: the plot cannot be written: {e.Message}");
                return ExitCodes.Failure;
            }
        }

        return ExitCodes.Success;
    }

    // What keeps a plot from being written to path that shows before training: a folder that is missing, or a folder
    // in the file's place. Permissions and a full disk show only when the file is written.
    private static string? PlotPathProblem(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{path}' is not a valid path: {e.Message}";
        }

        var folder = Path.GetDirectoryName(full);
        return Directory.Exists(full) ? $"'{path}' is a folder."
            : folder is not null && !Directory.Exists(folder) ? $"the folder '{folder}' does not exist."
            : null;
    }

    private static string DefaultCheckpointPath(string? reportPath, string trainingName) =>
        reportPath is null
            ? trainingName + ".checkpoint.npz"
            : Path.Combine(Path.GetDirectoryName(reportPath) ?? string.Empty, Path.GetFileNameWithoutExtension(reportPath) + ".checkpoint.npz");

    private static string ModeName(PrecisionMode mode) => mode == PrecisionMode.Float ? "float" : "fixed";

    private static string Report(TrainingSymbol setup, IReadOnlyList<TrainingResult> results, Schedule schedule, SetupCost cost, int epochSamples)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", 1);
            json.WriteString("training", setup.Name);
            json.WriteString("network", setup.Network.Name);
            json.WriteString("accelerator", setup.Accelerator.Name);
            foreach (var result in results)
            {
                json.WriteStartObject(ModeName(result.Precision));
                json.WriteNumber("misclassification", result.Misclassification);
                json.WriteNumber("samples_per_second", result.SamplesPerSecond);
                json.WriteNumber("samples", result.Samples);
                json.WriteStartArray("test_error_per_epoch");
                foreach (var (_, error) in result.TestError)
                {
                    json.WriteNumberValue(error);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteNumber("cycles_per_sample", schedule.CyclesPerSample);
            json.WriteNumber("seconds_per_sample", schedule.CyclesPerSample / setup.Accelerator.ClockHz);
            json.WriteNumber("seconds_per_epoch", schedule.CyclesPerSample * epochSamples / setup.Accelerator.ClockHz);
            json.WriteStartObject("costs");
            JsonCostReportEmitter.WriteSetup(json, cost);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
