using System.Globalization;
using System.Text;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;

namespace TaxoNN.Compiler.Emit;

/// <summary>Writes a schedule as a readable table: one row per op, then totals per step and per sample.</summary>
public static class TextScheduleEmitter
{
    /// <summary>The text of <paramref name="schedule"/>.</summary>
    public static string Emit(Schedule schedule)
    {
        var step = schedule.Step;
        var training = step.Training;
        var accelerator = training.Accelerator;
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');

        Line($"training {training.Name}: network {training.Network.Name} on accelerator {accelerator.Name} ({accelerator.Rows} x {accelerator.Columns} PEs, {Number(accelerator.ClockHz / 1e6)} MHz)");
        Line(step.Inference
            ? $"batch {step.BatchSize}, inference only: the forward pass"
            : $"batch {step.BatchSize}, {(step.Fused ? "fused (error and update share one pass over the weights)" : step.BatchSize > 1 ? "unfused (fusion applies at batch 1 only)" : "unfused")}, learning rate as {step.LearningRateFormat}");
        Line(string.Empty);

        var header = new[] { "#", "op", "kind", "MACs", "cycles", "start", "PEs", "folds", "passes", "util", "RF", "inter-PE", "GLB", "DRAM", "bound" };
        var rows = new List<string[]> { header };
        foreach (var op in schedule.Ops)
        {
            var accesses = op.Cost.Accesses;
            rows.Add(
            [
                op.Op.Index.ToString(CultureInfo.InvariantCulture),
                op.Op.Layer?.Name ?? "loss",
                Op.KindName(op.Op.Kind),
                Integer(op.Op.StepMacs),
                Integer(op.Cost.Cycles),
                Integer(op.StartCycle),
                Integer(op.Cost.PesUsed),
                Folds(op.Cost.Mapping),
                op.Cost.Mapping is { } mapping ? Integer(mapping.Passes * op.Op.Samples) : string.Empty,
                Percent(op.Utilisation),
                Integer(accesses.RegisterFile),
                Integer(accesses.InterPe),
                Integer(accesses.GlobalBuffer),
                Integer(accesses.Dram),
                op.Cost.Bound,
            ]);
        }

        var total = schedule.TotalAccesses;
        rows.Add(
        [
            string.Empty, "total", string.Empty, Integer(schedule.TotalMacs), Integer(schedule.TotalCycles), string.Empty,
            Integer(accelerator.PeCount), string.Empty, string.Empty, Percent(schedule.Utilisation), Integer(total.RegisterFile), Integer(total.InterPe),
            Integer(total.GlobalBuffer), Integer(total.Dram), string.Empty,
        ]);
        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var numeric = new[] { true, false, false, true, true, true, true, false, true, true, true, true, true, true, false };
        for (var r = 0; r < rows.Count; r++)
        {
            if (r == rows.Count - 1)
            {
                Line(string.Join("  ", widths.Select(w => new string('-', w))).TrimEnd());
            }

            var cells = rows[r].Select((cell, c) => numeric[c] && r > 0 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            Line(string.Join("  ", cells).TrimEnd());
        }

        Line(string.Empty);
        Line($"per step:   {Integer(schedule.TotalCycles)} cycles = {Number(schedule.Seconds * 1e6)} us at {Number(accelerator.ClockHz / 1e6)} MHz, {Integer(schedule.TotalMacs)} MACs, utilisation {Percent(schedule.Utilisation)}");
        Line($"per sample: {Number(schedule.CyclesPerSample)} cycles, {Number((double)schedule.TotalMacs / step.BatchSize)} MACs");
        if (!step.Inference)
        {
            Line($"activations kept for back-propagation: {Integer(step.PeakActivationBytes)} bytes at peak");
        }

        Line($"weight words read from the global buffer: {Integer(schedule.WeightReads)}");
        if (schedule.Unfused is { } unfused)
        {
            Line($"fusion saves {Integer(unfused.TotalCycles - schedule.TotalCycles)} cycles ({Integer(unfused.TotalCycles)} unfused) and {Integer(unfused.WeightReads - schedule.WeightReads)} weight reads ({Integer(unfused.WeightReads)} unfused)");
        }

        return text.ToString();
    }

    // Folds of a conv-like op as filter rows x filter taps x output bands: "1x1x2" is two bands of output rows.
    private static string Folds(Mapping.RowStationaryMapping? mapping) =>
        mapping is null ? string.Empty : $"{mapping.RowFolds}x{mapping.TapFolds}x{mapping.Bands}";

    private static string Integer(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);
}
