using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TaxoNN.Cli.Output;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.CostModel;
using TaxoNN.Runtime.Reporting;
using TaxoNN.Runtime.Serialization;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Cli.Commands;

/// <summary>
/// <c>taxo train FILE [--epochs E] [--limit N] [--no-shuffle] [--data DIR] [--precision fixed|float] [--compare-float]
/// [--report OUT.json] [--training NAME] [--init-weights W.npz] [--save-weights OUT.npz]</c>: trains the file's set-up on its data set and reports the test misclassification next to
/// what one step costs on the accelerator.
/// </summary>
internal sealed class TrainCommand : Command
{
    private readonly CommandOutput output;
    private readonly Argument<string> file = new("FILE") { Description = "The .taxo file with the training set-up." };
    private readonly Option<int?> epochs = new("--epochs") { Description = "Epochs to train (default: the set-up's)." };
    private readonly Option<long?> limit = new("--limit") { Description = "Stop after this many training samples." };
    private readonly Option<bool> noShuffle = new("--no-shuffle") { Description = "Keep the data set's order." };
    private readonly Option<string?> data = new("--data") { Description = "A folder with the data set's files under their standard names (default: the set-up's path, relative to FILE)." };
    private readonly Option<string> precision = new("--precision") { Description = "fixed: the set-up's formats, bit-exact; float: float32.", DefaultValueFactory = _ => "fixed" };
    private readonly Option<bool> compareFloat = new("--compare-float") { Description = "Also train in float32 with the same seed and sample order, and report both." };
    private readonly Option<string?> report = new("--report") { Description = "Write a JSON report (docs/report-schema.md) of accuracy, speed and costs." };
    private readonly Option<string?> training = new("--training") { Description = "The training set-up, when the file has several." };
    private readonly Option<string?> initWeights = new("--init-weights") { Description = "Start from the weights in this .npz (PyTorch state_dict names and layouts, float32) instead of the seeded initialisation." };
    private readonly Option<string?> saveWeights = new("--save-weights") { Description = "Write the trained weights to this .npz (PyTorch state_dict names and layouts, float32), atomically." };

    /// <summary>Creates the command, writing to <paramref name="output"/>.</summary>
    public TrainCommand(CommandOutput output)
        : base("train", "Train a set-up on its data set in fixed point (or float32) and report accuracy next to cost.")
    {
        this.output = output;
        precision.AcceptOnlyFromAmong("fixed", "float");
        Arguments.Add(file);
        foreach (var option in new Option[] { epochs, limit, noShuffle, data, precision, compareFloat, report, training, initWeights, saveWeights })
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
            parseResult.GetValue(saveWeights))));
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

        var options = new TrainingOptions(mode, settings.Epochs, settings.Limit, settings.KeepOrder ? false : null, new ProgressLines(output.Error));
        var results = new List<TrainingResult>();
        INetwork? trained = null;
        foreach (var precisionMode in settings.CompareFloat && mode == PrecisionMode.Fixed ? new[] { PrecisionMode.Fixed, PrecisionMode.Float } : [mode])
        {
            output.Error.WriteLine($"training {setup.Name} in {ModeName(precisionMode)} on {dataset.Train!.Count:N0} samples of {dataset.Name}");
            var network = Trainer.CreateNetwork(setup, precisionMode);
            if (initial is not null)
            {
                NetworkWeights.Import(network, initial);
            }

            results.Add(Trainer.Run(setup, network, dataset.Train, dataset.Test!, options with { Precision = precisionMode }));
            trained ??= network;
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

        return ExitCodes.Success;
    }

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

    // Progress as plain lines (one per tenth of the run), which a log or a terminal both read.
    private sealed class ProgressLines(TextWriter writer) : IProgress<TrainingProgress>
    {
        private long lastTenth = -1;

        public void Report(TrainingProgress value)
        {
            var tenth = value.Samples * 10 / Math.Max(1, value.Total);
            if (tenth == lastTenth)
            {
                return;
            }

            lastTenth = tenth;
            var remaining = value.SamplesPerSecond > 0 ? (value.Total - value.Samples) / value.SamplesPerSecond : 0;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {value.Samples:N0}/{value.Total:N0} samples, loss {value.RunningLoss:0.0000}, {value.SamplesPerSecond:N0} samples/s, {remaining:0} s left"));
        }
    }
}
