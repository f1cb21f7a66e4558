using TaxoNN.Compiler.Scheduling;

namespace TaxoNN.Runtime.CostModel;

/// <summary>
/// Costs a scheduled training step on its accelerator (docs/cost-model.md, "Mixed precision on one array"): the
/// design is TaxoNN when the accelerator has the training extensions, else the Eyeriss baseline; the array is as wide
/// as the set-up's widest format; each op draws the power of its own width while it runs (the unused bits gated).
/// </summary>
public static class SetupCostModel
{
    /// <summary>The costs of <paramref name="schedule"/> at its formats, at uniform 16 bits and at 32 bits.</summary>
    public static SetupCost Compute(Schedule schedule, PeCostModel? model = null)
    {
        model ??= PeCostModel.Default;
        var training = schedule.Step.Training;
        var design = training.Accelerator.TrainingExtensions ? Design.TaxoNN : Design.Eyeriss;
        var formats = Cost("the set-up's formats", schedule, design, null, model);
        var uniform16 = Cost("uniform 16 bits", schedule, design, 16, model);
        var full = Cost("full precision (32 bits)", schedule, design, SetupCost.FullPrecisionBits, model);
        var unfused = schedule.Unfused is { } twin ? EnergyModel.Compute(twin, design, null, model) : null;
        return new SetupCost(training, schedule, formats, uniform16, full, unfused);
    }

    /// <summary>The costs of <paramref name="schedule"/> on <paramref name="design"/>, at its own widths or a uniform one.</summary>
    public static DesignCost Cost(string label, Schedule schedule, Design design, int? uniformBits, PeCostModel? model = null)
    {
        model ??= PeCostModel.Default;
        var step = schedule.Step;
        var pes = step.Training.Accelerator.PeCount;
        var widest = uniformBits ?? step.Tensors.Where(t => t.Role != Compiler.Lowering.TensorRole.Label).Max(t => t.Format.WordBits);
        var area = model.Estimate(design, CostQuantity.Area, widest);
        var extrapolated = area.Extrapolated;
        double weighted = 0;
        long cycles = 0;
        foreach (var op in schedule.Ops.Where(o => o.Cost.Cycles > 0))
        {
            var bits = uniformBits ?? EnergyModel.WordBits(step, op.Op);
            var power = model.Estimate(design, CostQuantity.Power, bits);
            extrapolated |= power.Extrapolated;
            weighted += power.Value * op.Cost.Cycles;
            cycles += op.Cost.Cycles;
        }

        var averagePower = cycles == 0 ? model.Estimate(design, CostQuantity.Power, widest).Value : weighted / cycles;
        var energy = EnergyModel.Compute(schedule, design, uniformBits, model);
        return new DesignCost(label, design, widest, area.Value * pes, averagePower * pes, extrapolated, energy);
    }
}
