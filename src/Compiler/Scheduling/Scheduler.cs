using System.Collections.Immutable;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Mapping;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Compiler.Scheduling;

/// <summary>
/// Costs every op of a lowered step on its accelerator and places the ops one after another (docs/timing-model.md,
/// rules S1–S4 and E1–E4 for element-wise work, D1–D2 for DRAM).
/// </summary>
public static class Scheduler
{
    /// <summary>
    /// Schedules <paramref name="step"/>; a fused step also carries its unfused twin for comparison. Fusion is kept for
    /// a layer only where it pays: a fused op that would take more cycles or read more weights than the layer's
    /// separate error, weight-gradient and update ops in the same place of the step (a fused op's larger working set
    /// can overflow the global buffer and stream from DRAM) is replaced by them (S4).
    /// </summary>
    public static Schedule Build(LoweredStep step) => Build(step, TimingConstants.Default);

    /// <summary>Schedules <paramref name="step"/> as <see cref="Build(LoweredStep)"/> does, under other timing <paramref name="constants"/>.</summary>
    public static Schedule Build(LoweredStep step, TimingConstants constants)
    {
        ArgumentNullException.ThrowIfNull(constants);
        if (!step.Fused)
        {
            return Place(step, step.Ops, constants);
        }

        var unfusedStep = Lowerer.Lower(step.Training, fuse: false, step.Inference);
        var unfused = Place(unfusedStep, unfusedStep.Ops, constants);
        var placer = new Placer(step, constants);
        foreach (var op in step.Ops)
        {
            if (op.Kind != OpKind.FusedErrorUpdate)
            {
                placer.Add(op);
                continue;
            }

            var separate = unfusedStep.Ops
                .Where(o => o.Layer?.Name == op.Layer!.Name && o.Kind is OpKind.Error or OpKind.WeightGradient or OpKind.Update)
                .Select(o => o with { Note = $"{o.Note} (kept unfused: fusing this layer would cost more)" })
                .ToList();
            var fused = placer.Trial(op);
            var apart = placer.Trial([.. separate]);
            if (fused.Cycles <= apart.Cycles && fused.WeightReads <= apart.WeightReads)
            {
                placer.Add(op);
            }
            else
            {
                separate.ForEach(placer.Add);
            }
        }

        var placed = placer.Result();
        return placed with { Unfused = unfused };
    }

    private static Schedule Place(LoweredStep step, IEnumerable<Op> ops, TimingConstants constants)
    {
        var placer = new Placer(step, constants);
        foreach (var op in ops)
        {
            placer.Add(op);
        }

        return placer.Result();
    }

    // Places ops one after another, each costed in its context (the op before it, for rule D1).
    private sealed class Placer(LoweredStep step, TimingConstants constants)
    {
        private readonly List<ScheduledOp> placed = [];
        private long cycle;
        private Op? previous;

        public void Add(Op op)
        {
            op = op with { Index = placed.Count };
            var (cost, weightReads) = CostOf(step, op, step.Training.Accelerator, DramWords(step, op, previous, step.Training.Accelerator), constants);
            placed.Add(new ScheduledOp(op, cost, cycle, weightReads, MacUnitMacs(op)));
            cycle += cost.Cycles;
            previous = op;
        }

        // The cycles and weight reads the ops would add here, without placing them.
        public (long Cycles, long WeightReads) Trial(params Op[] ops)
        {
            long cycles = 0, reads = 0;
            var before = previous;
            foreach (var op in ops)
            {
                var (cost, weightReads) = CostOf(step, op, step.Training.Accelerator, DramWords(step, op, before, step.Training.Accelerator), constants);
                cycles += cost.Cycles;
                reads += weightReads;
                before = op;
            }

            return (cycles, reads);
        }

        public Schedule Result()
        {
            var ops = placed.Select(p => p.Op).ToImmutableArray();
            var final = ops.SequenceEqual(step.Ops) ? step : step with { Ops = ops };
            return new Schedule(final, [.. placed], null);
        }
    }

    // D1: each op reads its inputs from DRAM and writes its outputs there once, except an input the previous op just
    // wrote, which stays in the global buffer if the previous op's outputs fit in it. D2: an op whose tensors do not
    // all fit in the global buffer streams from DRAM: every global-buffer read is also a DRAM read.
    private static long DramWords(LoweredStep step, Op op, Op? previous, AcceleratorSymbol accelerator)
    {
        var reads = op.Reads.Select(step.Tensor).ToList();
        var previousFits = previous is not null && previous.Writes.Select(step.Tensor).Sum(t => t.Bytes) <= accelerator.GlobalBufferBytes;
        long words = 0;
        foreach (var tensor in reads)
        {
            if (previousFits && previous!.Writes.Contains(tensor.Name))
            {
                continue;
            }

            words += tensor.Elements;
        }

        words += op.Writes.Select(step.Tensor).Sum(t => t.Elements);
        return words * op.Samples;
    }

    private static (OpCost Cost, long WeightReads) CostOf(LoweredStep step, Op op, AcceleratorSymbol accelerator, long dram, TimingConstants constants)
    {
        var samples = op.Samples;
        var workingSet = op.Reads.Concat(op.Writes).Distinct().Select(step.Tensor).Sum(t => t.Bytes);
        var streams = workingSet > accelerator.GlobalBufferBytes;
        var layer = op.Layer;
        switch (op.Kind)
        {
            case OpKind.Forward or OpKind.Error or OpKind.WeightGradient:
            {
                var g = op.Geometry ?? DenseGeometry(op);
                var cost = Scale(RowStationaryMapper.Cost(g, accelerator, 0, constants), samples);
                var weightReads = op.Kind == OpKind.WeightGradient ? 0 : FilterReads(cost.Mapping!, g) * samples;
                return (WithDram(cost, streams ? cost.Accesses.GlobalBuffer : dram, accelerator), weightReads);
            }

            case OpKind.FusedErrorUpdate:
            {
                var weights = layer!.WeightCount + layer.BiasCount;
                if (op.Geometry is { } errorGeometry)
                {
                    // Conv: the error pass, then the gradient pass whose finished gradients go through the update path.
                    var error = RowStationaryMapper.Cost(errorGeometry, accelerator, 0, constants);
                    var gradient = RowStationaryMapper.Cost(Lowerer.GradientGeometry(layer), accelerator, 0, constants);
                    var updateAccesses = new Accesses(2 * weights, 0, 2 * weights, 0);
                    var accesses = error.Accesses + gradient.Accesses + updateAccesses;
                    var glbCycles = RowStationaryMapper.Ceil(accesses.GlobalBuffer, accelerator.GlobalBufferWordsPerCycle);
                    var cost = new OpCost(error.Mapping, gradient.Mapping, error.ComputeCycles + gradient.ComputeCycles, glbCycles, 0,
                        Math.Max(error.PesUsed, gradient.PesUsed), error.ExecutedMacs + gradient.ExecutedMacs, accesses);
                    var weightReads = FilterReads(error.Mapping!, errorGeometry) + weights;
                    return (WithDram(cost, streams ? accesses.GlobalBuffer : dram, accelerator), weightReads);
                }
                else
                {
                    // Dense: each weight is read once for the error MAC; the update path computes w - α·g·x beside it
                    // in the same cycle and writes the weight back.
                    var g = RowStationaryMapper.MatrixVector(op.Rows, op.Columns);
                    var error = RowStationaryMapper.Cost(g, accelerator, 0, constants);
                    var inputs = (long)op.Rows;
                    var updateAccesses = new Accesses(weights, 0, weights + inputs, 0);
                    var accesses = error.Accesses + updateAccesses;
                    var glbCycles = RowStationaryMapper.Ceil(accesses.GlobalBuffer, accelerator.GlobalBufferWordsPerCycle);
                    var cost = new OpCost(error.Mapping, null, error.ComputeCycles, glbCycles, 0, error.PesUsed, error.ExecutedMacs, accesses);
                    return (WithDram(cost, streams ? accesses.GlobalBuffer : dram, accelerator), FilterReads(error.Mapping!, g));
                }
            }

            case OpKind.ActivationForward or OpKind.ActivationBackward when op.Elements == 0:
                return (new OpCost(null, null, 0, 0, 0, 0, 0, default), 0);
            default:
            {
                // E1–E4: element-wise work spread over all PEs, one element per PE per cycle.
                var (reads, writes) = ElementwiseTraffic(step, op);
                var work = op.Elements;
                var glb = (reads + writes) * samples;
                var compute = RowStationaryMapper.Ceil(work, accelerator.PeCount) * samples;
                var pes = (int)Math.Min(work, accelerator.PeCount);
                var accesses = new Accesses(work * samples, 0, glb, 0);
                var cost = new OpCost(null, null, compute, RowStationaryMapper.Ceil(glb, accelerator.GlobalBufferWordsPerCycle), 0, pes, op.StepMacs, accesses);
                var weightReads = op.Kind == OpKind.Update ? op.Elements : 0;
                return (WithDram(cost, streams ? glb : dram, accelerator), weightReads);
            }
        }
    }

    // A fused op's update path does the weight's own update (and, for dense layers, its gradient g·x) beside the MAC
    // units; the MAC units do the error (and, for convolutions, the gradient).
    private static long MacUnitMacs(Op op) => op.Kind != OpKind.FusedErrorUpdate ? op.StepMacs
        : op.Geometry is null ? (long)op.Rows * op.Columns
        : op.Macs - (op.Layer!.WeightCount + op.Layer.BiasCount);

    private static ConvGeometry DenseGeometry(Op op) => op.Kind == OpKind.WeightGradient
        ? RowStationaryMapper.OuterProduct(op.Rows, op.Columns)
        : RowStationaryMapper.MatrixVector(op.Rows, op.Columns);

    // Weight words a conv-like op reads from the global buffer: its filters, once per unit.
    private static long FilterReads(RowStationaryMapping m, ConvGeometry g) =>
        m.Units * m.FiltersPerPe * m.ChannelsPerPe * m.SetHeight * m.TapsPerPrimitive;

    private static (long Reads, long Writes) ElementwiseTraffic(LoweredStep step, Op op)
    {
        long Size(string name) => step.Tensor(name).Elements;
        return op.Kind switch
        {
            OpKind.PoolForward => (op.Elements, Size(op.Writes[0])),
            OpKind.PoolBackward => (op.Reads.Sum(Size), op.Writes.Sum(Size)),
            OpKind.Update => (2 * op.Elements, op.Elements),
            _ => (op.Reads.Sum(Size), op.Writes.Sum(Size)),
        };
    }

    private static OpCost Scale(OpCost cost, int samples) => samples == 1 ? cost : cost with
    {
        ComputeCycles = cost.ComputeCycles * samples,
        GlobalBufferCycles = cost.GlobalBufferCycles * samples,
        ExecutedMacs = cost.ExecutedMacs * samples,
        Accesses = cost.Accesses * samples,
    };

    private static OpCost WithDram(OpCost cost, long dramWords, AcceleratorSymbol accelerator) => cost with
    {
        DramCycles = RowStationaryMapper.Ceil(dramWords, accelerator.DramWordsPerCycle),
        Accesses = cost.Accesses with { Dram = dramWords },
    };
}
