using System.Collections.Immutable;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Mapping;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Runtime.Numerics;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// Executes the ops of a compiled schedule on the simulated array, op after op, in the fast path's arithmetic. From
/// the schedule it takes only the ops, their tensors and each conv-like op's mapping (which PE set runs which unit in
/// which pass); every cycle and access it reports is counted from what it executes.
/// </summary>
internal sealed partial class StepExecutor
{
    private readonly Schedule schedule;
    private readonly LoweredStep step;
    private readonly TrainingSymbol training;
    private readonly AcceleratorSymbol accelerator;
    private readonly SimulatorOptions options;
    private readonly PeArray array;
    private readonly LayerState[] layers;
    private readonly int[][] input;
    private readonly int[] labels;
    private readonly double[] scores;
    private readonly CounterRandom random;
    private readonly MemoryPort globalBuffer;
    private readonly MemoryPort dram;
    private readonly HashSet<string> resident = new(StringComparer.Ordinal);
    private readonly List<string> watch = [];
    private readonly List<SetActivity> sets = [];

    // Counters of the op being executed.
    private long opStart;
    private long computeCycles;
    private long registerFile;
    private long interPe;
    private long macUnitMacs;
    private int pesUsed;
    private (int Row, int Column) firstPe;
    private (int Row, int Column) lastPe;
    private long lastPeCycle;
    private bool anyPe;
    private bool watching;
    private long watchDropped;

    public StepExecutor(Schedule schedule, SimulatorOptions options)
    {
        this.schedule = schedule;
        this.options = options;
        step = schedule.Step;
        training = step.Training;
        accelerator = training.Accelerator;
        var kind = options.PeKind ?? (accelerator.TrainingExtensions ? PeKind.Training : PeKind.InferenceOnly);
        array = new PeArray(accelerator, kind);
        var batch = step.BatchSize;
        layers = [.. training.Network.Layers.Select(l => new LayerState(l, training.PrecisionOf(l), batch))];
        input = new int[batch][];
        for (var b = 0; b < batch; b++)
        {
            input[b] = new int[training.Network.Input.Elements];
        }

        labels = new int[batch];
        scores = new double[layers[^1].Output[0].Length];
        random = new CounterRandom(unchecked((ulong)training.Seed));
        globalBuffer = new MemoryPort(accelerator.GlobalBufferWordsPerCycle);
        dram = new MemoryPort(accelerator.DramWordsPerCycle);
    }

    /// <summary>Samples trained on so far.</summary>
    public long Samples { get; private set; }

    /// <summary>Updates done so far.</summary>
    public long Updates { get; private set; }

    public LayerState Layer(int index) => layers[index];

    /// <summary>Sets the counters that key stochastic rounding, as a fast-path network at the same position has them.</summary>
    public void RestoreCounters(long samples, long updates)
    {
        Samples = samples;
        Updates = updates;
    }

    /// <summary>Runs one step on <paramref name="samples"/> (batch x input elements, scaled) and their labels.</summary>
    public SimulatedStep Run(ReadOnlySpan<float> samples, ReadOnlySpan<int> sampleLabels, bool watchThisStep, IProgress<SimulationProgress>? progress, CancellationToken cancel)
    {
        var batch = step.BatchSize;
        var size = (int)training.Network.Input.Elements;
        if (samples.Length != (long)batch * size || sampleLabels.Length != batch)
        {
            throw new ArgumentException($"A step takes {batch} samples of {size} values and {batch} labels.", nameof(samples));
        }

        var inputPrecision = training.Input;
        for (var b = 0; b < batch; b++)
        {
            var key = RoundingStreams.Input(random, Samples + b);
            for (var i = 0; i < size; i++)
            {
                input[b][i] = FixedArithmetic.FromDouble(samples[(b * size) + i], inputPrecision, key, i);
            }

            labels[b] = sampleLabels[b];
        }

        watching = watchThisStep && options.WatchPe is not null;
        watch.Clear();
        watchDropped = 0;
        resident.Clear();
        var done = ImmutableArray.CreateBuilder<SimulatedOp>(schedule.Ops.Length);
        long cycle = 0;
        try
        {
            foreach (var scheduled in schedule.Ops)
            {
                if (cancel.IsCancellationRequested)
                {
                    return new SimulatedStep(done.ToImmutable(), [], true, [.. watch]);
                }

                progress?.Report(new SimulationProgress(scheduled.Op.Name, done.Count, schedule.Ops.Length, cycle));
                var simulated = Execute(scheduled, cycle, cancel);
                if (simulated is null)
                {
                    return new SimulatedStep(done.ToImmutable(), [], true, [.. watch]);
                }

                done.Add(simulated);
                cycle = simulated.EndCycle;
                if (cycle > options.CycleBudget)
                {
                    throw new SimulationAbort(At(scheduled.Op).CycleBudgetExceeded(scheduled.Op.Name, cycle, options.CycleBudget));
                }
            }
        }
        catch (SimulationAbort abort)
        {
            return new SimulatedStep(done.ToImmutable(), [abort.Diagnostic], false, [.. watch]);
        }

        Samples += batch;
        Updates++;
        if (watchDropped > 0)
        {
            watch.Add($"... {watchDropped:N0} more lines not shown");
        }

        return new SimulatedStep(done.ToImmutable(), [], false, [.. watch]);
    }

    private static DiagnosticBuilder At(Op op) => DiagnosticBuilder.ForSpan(op.Location.Source, op.Location.Span);

    private SimulatedOp? Execute(ScheduledOp scheduled, long start, CancellationToken cancel)
    {
        var op = scheduled.Op;
        opStart = start;
        computeCycles = 0;
        registerFile = 0;
        interPe = 0;
        macUnitMacs = 0;
        pesUsed = 0;
        anyPe = false;
        firstPe = lastPe = (0, 0);
        lastPeCycle = start;
        globalBuffer.Reset();
        dram.Reset();
        sets.Clear();
        var layer = op.Layer is null ? null : layers[op.Layer.Index];
        switch (op.Kind)
        {
            case OpKind.Forward or OpKind.Error or OpKind.WeightGradient:
                for (var b = 0; b < op.Samples; b++)
                {
                    if (cancel.IsCancellationRequested)
                    {
                        return null;
                    }

                    RunConvLike(scheduled, layer!, b);
                    globalBuffer.EndPhase();
                }

                break;
            case OpKind.FusedErrorUpdate:
                RunFused(scheduled, layer!);
                globalBuffer.EndPhase();
                break;
            default:
                RunElementwise(op, layer);
                globalBuffer.EndPhase();
                break;
        }

        MoveDram(op);
        var result = new SimulatedOp(op.Index, op.Name, op.Kind, start, computeCycles, globalBuffer.Cycles, dram.Cycles, pesUsed,
            macUnitMacs, new Accesses(registerFile, interPe, globalBuffer.Words, dram.Words), firstPe, lastPe, lastPeCycle, [.. sets]);
        if (result.EndCycle > options.CycleBudget)
        {
            throw new SimulationAbort(At(op).CycleBudgetExceeded(op.Name, result.EndCycle, options.CycleBudget));
        }

        return result;
    }

    // D1/D2: a tensor the previous op left in the global buffer is read from there; every other input comes from DRAM
    // once, every output goes there once. An op whose tensors do not all fit streams: each global-buffer word moved is
    // also a DRAM word. Each step starts with an empty global buffer, as the schedule of one step does.
    private void MoveDram(Op op)
    {
        // A flatten renames its input in place: nothing crosses DRAM, and its output stays where its input was.
        var rename = op.Layer?.Kind == LayerKind.Flatten;
        long workingSet = 0;
        foreach (var name in op.Reads.Concat(op.Writes).Distinct(StringComparer.Ordinal))
        {
            workingSet += step.Tensor(name).Bytes;
        }

        if (!rename && workingSet > accelerator.GlobalBufferBytes)
        {
            dram.Move(globalBuffer.Words);
        }
        else if (!rename)
        {
            long words = 0;
            foreach (var name in op.Reads)
            {
                words += resident.Contains(name) ? 0 : step.Tensor(name).Elements;
            }

            foreach (var name in op.Writes)
            {
                words += step.Tensor(name).Elements;
            }

            dram.Move(words * op.Samples);
        }

        dram.EndPhase();
        resident.Clear();
        long written = 0;
        foreach (var name in op.Writes)
        {
            written += step.Tensor(name).Bytes;
        }

        if (written <= accelerator.GlobalBufferBytes)
        {
            resident.UnionWith(op.Writes);
        }
    }

    // Records that a PE worked up to (not including) cycle end, for the first/last PE of an op.
    private void Touch(ProcessingElement pe, long end)
    {
        if (!anyPe)
        {
            firstPe = (pe.Row, pe.Column);
            anyPe = true;
        }

        if (end - 1 >= lastPeCycle)
        {
            lastPeCycle = end - 1;
            lastPe = (pe.Row, pe.Column);
        }
    }

    private bool Watched(ProcessingElement pe) => watching && options.WatchPe is { } w && w.Row == pe.Row && w.Column == pe.Column;

    private void Log(long cycle, string text)
    {
        if (watch.Count >= options.WatchLimit)
        {
            watchDropped++;
            return;
        }

        watch.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{cycle,10}  {text}"));
    }

    private int[] InputOf(int layer, int sample) => layer == 0 ? input[sample] : layers[layer - 1].Output[sample];

    private FixedFormat InputFormatOf(int layer) => layer == 0 ? training.Input.Format : layers[layer - 1].Precision.Forward.Format;
}
