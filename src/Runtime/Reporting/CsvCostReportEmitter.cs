using System.Globalization;
using System.Text;

namespace TaxoNN.Runtime.Reporting;

/// <summary>
/// Writes a cost report's sweeps as CSV, one row per training set-up, design and width:
/// <c>training,design,bits,area,power,energy_per_step,extrapolated</c> (training and energy empty without a set-up).
/// </summary>
public static class CsvCostReportEmitter
{
    /// <summary>The CSV of <paramref name="report"/>.</summary>
    public static string Emit(CostReport report)
    {
        var text = new StringBuilder("training,design,bits,area,power,energy_per_step,extrapolated\n");
        void Rows(string training, IEnumerable<SweepPoint> sweep)
        {
            foreach (var p in sweep)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{training},{JsonCostReportEmitter.DesignName(p.Design)},{p.Bits},{p.Area.Value:R},{p.Power.Value:R},{(p.EnergyPerStep is { } e ? e.ToString("R", CultureInfo.InvariantCulture) : string.Empty)},{(p.Extrapolated ? "true" : "false")}\n");
            }
        }

        if (report.Setups.Length == 0)
        {
            Rows(string.Empty, report.DesignSweep);
        }

        for (var i = 0; i < report.Setups.Length; i++)
        {
            Rows(report.Setups[i].Training.Name, report.Sweeps[i]);
        }

        return text.ToString();
    }
}
