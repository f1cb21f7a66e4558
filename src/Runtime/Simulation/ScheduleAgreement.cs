using TaxoNN.Compiler.Scheduling;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// Compares a simulated step with the compiler's schedule, op by op: start and end cycles, compute, global-buffer and
/// DRAM cycles, PEs used, MAC-unit MACs and the accesses of every level must be equal.
/// </summary>
public static class ScheduleAgreement
{
    /// <summary>The first difference, or null when the two agree exactly.</summary>
    public static ScheduleDifference? FirstDifference(Schedule schedule, SimulatedStep simulated)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(simulated);
        for (var i = 0; i < schedule.Ops.Length; i++)
        {
            var expected = schedule.Ops[i];
            if (i >= simulated.Ops.Length)
            {
                return new ScheduleDifference(i, expected.Op.Name, "ops executed", schedule.Ops.Length, simulated.Ops.Length, (0, 0), expected.StartCycle);
            }

            var actual = simulated.Ops[i];
            var cost = expected.Cost;
            var accesses = cost.Accesses;
            var figures = new (string Name, long Scheduled, long Simulated)[]
            {
                ("start cycle", expected.StartCycle, actual.StartCycle),
                ("compute cycles", cost.ComputeCycles, actual.ComputeCycles),
                ("global-buffer cycles", cost.GlobalBufferCycles, actual.GlobalBufferCycles),
                ("DRAM cycles", cost.DramCycles, actual.DramCycles),
                ("cycles", cost.Cycles, actual.Cycles),
                ("PEs used", cost.PesUsed, actual.PesUsed),
                ("MAC-unit MACs", expected.MacUnitMacs, actual.MacUnitMacs),
                ("register-file accesses", accesses.RegisterFile, actual.Accesses.RegisterFile),
                ("inter-PE accesses", accesses.InterPe, actual.Accesses.InterPe),
                ("global-buffer accesses", accesses.GlobalBuffer, actual.Accesses.GlobalBuffer),
                ("DRAM accesses", accesses.Dram, actual.Accesses.Dram),
            };
            foreach (var (name, scheduled, value) in figures)
            {
                if (scheduled == value)
                {
                    continue;
                }

                // Cycle figures part where the shorter of the two ends; access figures from the op's first cycle.
                var cycles = name.EndsWith("cycles", StringComparison.Ordinal) || name == "start cycle";
                var cycle = name == "start cycle" ? Math.Min(scheduled, value) : cycles ? actual.StartCycle + Math.Min(scheduled, value) : actual.StartCycle;
                var pe = cycles ? actual.LastPe : actual.FirstPe;
                return new ScheduleDifference(i, expected.Op.Name, name, scheduled, value, pe, cycle);
            }
        }

        return simulated.Ops.Length > schedule.Ops.Length
            ? new ScheduleDifference(schedule.Ops.Length, simulated.Ops[schedule.Ops.Length].Name, "ops executed", schedule.Ops.Length, simulated.Ops.Length, (0, 0), simulated.Ops[schedule.Ops.Length].StartCycle)
            : null;
    }
}
