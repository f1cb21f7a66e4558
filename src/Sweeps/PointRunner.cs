using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TaxoNN.Compiler;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.CostModel;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Serialization;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Sweeps;

/// <summary>
/// Runs points of a planned sweep in this process: builds each point's set-up, costs its step, trains it (resuming
/// from its checkpoint, writing one at a stop signal and every <see cref="CheckpointEvery"/> samples) and writes its
/// result atomically. A point whose result exists is skipped.
/// </summary>
public sealed class PointRunner
{
    private readonly SweepFolder folder;
    private readonly SweepPlan plan;
    private readonly TextWriter log;
    private readonly RunContext context;
    private readonly Lazy<SweepSymbol> sweep;
    private readonly Dictionary<string, LoadedDataset> datasets = new(StringComparer.Ordinal);

    /// <summary>Creates a runner of <paramref name="plan"/>'s points in <paramref name="folder"/>, writing what it does to <paramref name="log"/>.</summary>
    public PointRunner(SweepFolder folder, SweepPlan plan, TextWriter log, RunContext context)
    {
        this.folder = folder;
        this.plan = plan;
        this.log = log;
        this.context = context;
        sweep = new Lazy<SweepSymbol>(Compile);
    }

    /// <summary>Samples between two checkpoints of a training point.</summary>
    public long CheckpointEvery { get; init; } = 5000;

    /// <summary>The sweep as the plan's file declares it now; throws <see cref="SweepException"/> when the file changed or no longer compiles.</summary>
    public SweepSymbol Sweep => sweep.Value;

    /// <summary>The training set-up of <paramref name="point"/>.</summary>
    public TrainingSymbol SetupOf(PlannedPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.IsFloat ? Sweep.Training : Sweep.Apply(Sweep.Point(point.GridIndex));
    }

    /// <summary>Runs <paramref name="point"/> unless its result exists; a cancelled <paramref name="stop"/> checkpoints it.</summary>
    public PointOutcome Run(PlannedPoint point, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (folder.IsDone(point.Id))
        {
            log.WriteLine($"point {point.Index} ({point.Id}): done already");
            return PointOutcome.Skipped;
        }

        try
        {
            return RunPoint(point, stop);
        }
        catch (SweepException e)
        {
            log.WriteLine($"error: point {point.Index} ({point.Id}): {e.Message}");
            return PointOutcome.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.WriteLine($"error: point {point.Index} ({point.Id}): {e.Message}");
            return PointOutcome.Failed;
        }
    }

    private PointOutcome RunPoint(PlannedPoint point, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var training = SetupOf(point);
        var step = Lowerer.Lower(training, training.Fuse);
        var schedule = Scheduler.Build(step);
        var cost = SetupCostModel.Compute(schedule);
        var metrics = new List<KeyValuePair<string, double>>();
        long samples = 0;
        string? weights = null;
        var restarts = 0;
        if (plan.Trains)
        {
            var outcome = Train(point, training, stop, out var trained, out restarts);
            if (outcome != PointOutcome.Done)
            {
                return outcome;
            }

            metrics.Add(new("misclassification", trained!.Result.Misclassification));
            samples = trained.Result.Samples;
            weights = trained.WeightsSha256;
        }

        void Add(string name, double value) => metrics.Add(new(name, value));
        if (plan.Metrics.Contains("cycles"))
        {
            Add("cycles_per_step", schedule.TotalCycles);
            Add("cycles_per_sample", schedule.CyclesPerSample);
        }

        if (plan.Metrics.Contains("energy"))
        {
            Add("energy_per_step", cost.Formats.Energy.Total);
            Add("energy_per_sample", cost.Formats.Energy.PerSample);
        }

        if (plan.Metrics.Contains("area"))
        {
            Add("area", cost.Formats.Area);
            Add("area_saving_vs_full", cost.AreaSaving);
            Add("area_saving_vs_uniform16", cost.Uniform16.Area / cost.Formats.Area);
        }

        if (plan.Metrics.Contains("power"))
        {
            Add("power", cost.Formats.Power);
            Add("power_saving_vs_full", cost.PowerSaving);
            Add("power_saving_vs_uniform16", cost.Uniform16.Power / cost.Formats.Power);
        }

        var result = new PointResult(
            point.Id,
            point.Index,
            plan.Sweep,
            plan.Training,
            point.IsFloat,
            point.Parameters,
            "done",
            null,
            [.. metrics],
            plan.Metrics.Contains("energy") ? cost.Formats.Energy.Unit : null,
            samples,
            weights,
            ToolVersion.Current,
            training.Seed,
            context.Host,
            context.JobId,
            restarts,
            clock.Elapsed.TotalSeconds);
        ResultFile.Write(folder.ResultFile(point.Id), result);
        TryDelete(folder.CheckpointFile(point.Id));
        TryDelete(folder.RestartsFile(point.Id));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"point {point.Index} ({point.Id}): done in {clock.Elapsed.TotalSeconds:0.0} s"));
        return PointOutcome.Done;
    }

    private sealed record Trained(TrainingResult Result, string WeightsSha256);

    private PointOutcome Train(PlannedPoint point, TrainingSymbol training, CancellationToken stop, out Trained? trained, out int restarts)
    {
        trained = null;
        restarts = 0;
        var mode = point.IsFloat ? PrecisionMode.Float : PrecisionMode.Fixed;

        // The kernels compile on another core while the data are read.
        _ = KernelWarmUp.Start(mode == PrecisionMode.Fixed, mode == PrecisionMode.Float);
        var data = Data(training);
        var network = Trainer.CreateNetwork(training, mode);
        var networkPrint = NetworkFingerprint.Of(training.Network);
        var precisionPrint = point.IsFloat ? PrecisionFingerprint.Float32 : PrecisionFingerprint.Of(training);
        var checkpointPath = folder.CheckpointFile(point.Id);
        TrainingPosition? start = null;
        if (File.Exists(checkpointPath))
        {
            var read = CheckpointFile.Read(checkpointPath, networkPrint, precisionPrint);
            if (read.Value is not { } checkpoint)
            {
                throw new SweepException($"its checkpoint cannot be resumed: {string.Join("; ", read.Diagnostics.Select(d => d.Message))} Delete '{checkpointPath}' to start the point again.");
            }

            start = checkpoint.RestoreInto(network);

            restarts = ReadRestarts(point.Id) + 1;
            Directory.CreateDirectory(folder.CheckpointsFolder);
            AtomicFile.WriteAllBytes(folder.RestartsFile(point.Id), Encoding.UTF8.GetBytes(restarts.ToString(CultureInfo.InvariantCulture) + "\n"));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"point {point.Index} ({point.Id}): resuming after {start.Samples:N0} samples"));
        }

        bool WriteCheckpoint(TrainingPosition position)
        {
            Directory.CreateDirectory(folder.CheckpointsFolder);
            var state = Checkpoint.Capture(network, position, networkPrint, precisionPrint);
            var failures = CheckpointFile.Write(checkpointPath, state);
            if (!failures.IsEmpty)
            {
                throw new SweepException($"its checkpoint cannot be written: {string.Join("; ", failures.Select(d => d.Message))}");
            }

            return true;
        }

        var options = new TrainingOptions(
            mode,
            Limit: plan.Limit,
            Start: start,
            CheckpointEvery: CheckpointEvery,
            Checkpoint: WriteCheckpoint,
            Stop: stop);
        log.WriteLine($"point {point.Index} ({point.Id}): training {string.Join(", ", point.Parameters.Select(p => $"{p.Key} = {p.Value}"))}{(point.IsFloat ? "float32 reference" : string.Empty)}");
        KernelWarmUp.Exercise(training, mode); // compiled before the loop's clock starts, as taxo train does
        var result = Trainer.Run(training, network, data.Train!, data.Test!, options);
        if (result.Stopped)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"point {point.Index} ({point.Id}): stopped after {result.Samples:N0} samples; its checkpoint is written"));
            return PointOutcome.Stopped;
        }

        trained = new Trained(result, WeightsHash(network));
        return PointOutcome.Done;
    }

    private int ReadRestarts(string id)
    {
        var path = folder.RestartsFile(id);
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
    }

    /// <summary>The SHA-256 of the final weights: the raw integers and formats in fixed point, the float bits in float32.</summary>
    public static string WeightsHash(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var word = new byte[4];
        void Int(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(word, value);
            hash.AppendData(word);
        }

        if (network is FixedNetwork fixeds)
        {
            foreach (var tensor in NetworkWeights.ExportRaw(fixeds))
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"{tensor.Name} {tensor.Format}\n"));
                foreach (var value in tensor.Values)
                {
                    Int(value);
                }
            }
        }
        else
        {
            foreach (var tensor in NetworkWeights.Export(network))
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"{tensor.Name} float32\n"));
                foreach (var value in tensor.Values)
                {
                    Int(BitConverter.SingleToInt32Bits(value));
                }
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private LoadedDataset Data(TrainingSymbol training)
    {
        var key = $"{training.Data.Dataset}|{SweepData.Folder(training)}";
        if (!datasets.TryGetValue(key, out var data))
        {
            data = SweepData.Load(training);
            datasets.Add(key, data);
        }

        return data;
    }

    private SweepSymbol Compile()
    {
        var file = Path.GetFullPath(Path.Combine(folder.Path, plan.File));
        var compilation = Compilation.Create([file]);
        if (compilation.HasErrors)
        {
            throw new SweepException($"'{file}' no longer compiles ({compilation.Diagnostics.First()}); fix it, or plan the sweep again.");
        }

        if (SweepPlanner.SourcesHash(compilation) != plan.SourcesSha256)
        {
            throw new SweepException($"'{file}' or a file it imports changed since the sweep was planned, so its points would not be the planned ones; plan the sweep again into a new folder.");
        }

        if (SweepPlanner.FindSweep(compilation, plan.Sweep, file, out var error) is not { } found)
        {
            throw new SweepException(error!);
        }

        return found;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stale checkpoint beside a result is never read again: the result makes the point done.
        }
    }
}
