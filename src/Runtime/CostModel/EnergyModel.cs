using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.CostModel;

/// <summary>
/// Energy per training step from a schedule's access counts times an energy per access (docs/cost-model.md). The
/// accelerator's energy table gives each level's cost at 16 bits, relative to one MAC (Eyeriss's normalised costs:
/// register file 1, inter-PE 2, global buffer 6, DRAM 200) or in pJ. Costs inside a PE (the MAC and its register file)
/// scale with the word width as the PE power table does, P(w) / P(16); moving data beyond the PE (inter-PE, global
/// buffer, DRAM) scales with the bits moved, w / 16. Each op runs at its own width: the widest word among the tensors
/// it reads and writes (narrower bits gated).
/// </summary>
public static class EnergyModel
{
    /// <summary>The width at which the energy table's costs are given.</summary>
    public const int ReferenceBits = 16;

    /// <summary>The training split's size of each data set, for energy per epoch.</summary>
    public static long TrainingSamples(DatasetKind dataset) => dataset switch
    {
        DatasetKind.Mnist or DatasetKind.FashionMnist => 60_000,
        DatasetKind.Cifar10 => 50_000,
        _ => 73_257,
    };

    /// <summary>
    /// The energy of <paramref name="schedule"/> on <paramref name="design"/>; with <paramref name="uniformBits"/>
    /// every op runs at that width instead of its own (the same design at uniform precision).
    /// </summary>
    public static StepEnergy Compute(Schedule schedule, Design design, int? uniformBits = null, PeCostModel? model = null)
    {
        model ??= PeCostModel.Default;
        var step = schedule.Step;
        var table = step.Training.Accelerator.Energy;
        var picojoules = table.Mac.IsPicojoules;
        double Base(EnergyCost cost) => picojoules && !cost.IsPicojoules ? cost.Value * table.Mac.Value : cost.Value;
        var reference = model.Estimate(design, CostQuantity.Power, ReferenceBits).Value;
        var ops = schedule.Ops.Select(scheduled =>
        {
            var op = scheduled.Op;
            var bits = uniformBits ?? WordBits(step, op);
            var inPe = model.Estimate(design, CostQuantity.Power, bits).Value / reference;
            var moved = (double)bits / ReferenceBits;
            var accesses = scheduled.Cost.Accesses;

            // Zero operands (padding, dilation) are gated as in Eyeriss: only the op's own MACs switch.
            var energy = new EnergyLevels(
                op.StepMacs * Base(table.Mac) * inPe,
                accesses.RegisterFile * Base(table.RegisterFile) * inPe,
                accesses.InterPe * Base(table.InterPe) * moved,
                accesses.GlobalBuffer * Base(table.GlobalBuffer) * moved,
                accesses.Dram * Base(table.Dram) * moved);
            return new OpEnergy(op, bits, energy);
        });
        return new StepEnergy(picojoules ? "pJ" : "MAC16", design, [.. ops], step.BatchSize, TrainingSamples(step.Training.Data.Dataset));
    }

    /// <summary>The width an op runs at: the widest word among the tensors it reads and writes.</summary>
    public static int WordBits(LoweredStep step, Op op) =>
        op.Reads.Concat(op.Writes).Select(step.Tensor).Where(t => t.Role != TensorRole.Label).Select(t => t.Format.WordBits).DefaultIfEmpty(ReferenceBits).Max();
}
