using System.Globalization;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// The text <c>taxo simulate</c> prints: per op kind and in total, the cycles, stalls, utilisation, MACs, accesses per
/// level and time at the clock of one simulated step (every step of a data-independent schedule takes the same), then
/// the run's steps, cycles and speed.
/// </summary>
public static class SimulationTextReport
{
    /// <summary>Writes the report of <paramref name="step"/> (the first of <paramref name="steps"/>) to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, Schedule schedule, SimulatedStep step, int steps, long totalCycles, TimeSpan wall)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(step);
        var training = schedule.Step.Training;
        var accelerator = training.Accelerator;
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c, $"{training.Name} on {accelerator.Name} ({accelerator.Rows} x {accelerator.Columns} PEs, {accelerator.ClockHz / 1e6:0.###} MHz), batch {schedule.Step.BatchSize}{(schedule.Step.Fused ? ", fused" : string.Empty)}: one step, simulated cycle by cycle"));
        writer.WriteLine();
        var header = string.Create(c, $"{"op kind",-20} {"ops",4} {"cycles",14} {"stalls",12} {"util",6} {"MACs",14} {"register file",15} {"inter-PE",12} {"global buffer",14} {"DRAM",12} {"time (us)",11}");
        writer.WriteLine(header);
        writer.WriteLine(new string('-', header.Length));
        foreach (var group in step.Ops.GroupBy(o => o.Kind).OrderBy(g => g.Key))
        {
            Row(writer, Op.KindName(group.Key), [.. group], accelerator.ClockHz);
        }

        writer.WriteLine(new string('-', header.Length));
        Row(writer, "total", [.. step.Ops], accelerator.ClockHz);
        var stepCycles = step.TotalCycles;
        var utilisation = stepCycles == 0 ? 0 : (double)step.TotalMacs / ((double)accelerator.PeCount * stepCycles);
        writer.WriteLine();
        writer.WriteLine(string.Create(c, $"utilisation over all {accelerator.PeCount} PEs: {utilisation:P1}; stalls {step.TotalStalls:N0} of {stepCycles:N0} cycles"));
        writer.WriteLine(string.Create(c, $"agrees with the compiler's schedule in every op's cycles and accesses ({schedule.TotalCycles:N0} cycles per step)"));
        var seconds = wall.TotalSeconds;
        writer.WriteLine(string.Create(c, $"{steps} step(s), {totalCycles:N0} cycles ({totalCycles / accelerator.ClockHz * 1e3:0.###} ms at the clock) simulated in {seconds:0.###} s of wall time: {(seconds > 0 ? totalCycles / seconds : 0):N0} cycles/s, {(seconds > 0 ? totalCycles * (double)accelerator.PeCount / seconds : 0):N0} PE-cycles/s"));
    }

    private static void Row(TextWriter writer, string name, SimulatedOp[] ops, double clock)
    {
        long cycles = 0, stalls = 0, macs = 0, rf = 0, inter = 0, glb = 0, dram = 0;
        double busy = 0;
        foreach (var op in ops)
        {
            cycles += op.Cycles;
            stalls += op.Stalls;
            macs += op.MacUnitMacs;
            rf += op.Accesses.RegisterFile;
            inter += op.Accesses.InterPe;
            glb += op.Accesses.GlobalBuffer;
            dram += op.Accesses.Dram;
            busy += (double)op.PesUsed * op.Cycles;
        }

        var utilisation = busy == 0 ? 0 : macs / busy;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-20} {ops.Length,4} {cycles,14:N0} {stalls,12:N0} {utilisation,6:P0} {macs,14:N0} {rf,15:N0} {inter,12:N0} {glb,14:N0} {dram,12:N0} {cycles / clock * 1e6,11:N1}"));
    }
}
