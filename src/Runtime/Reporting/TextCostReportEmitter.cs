using System.Globalization;
using System.Text;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Runtime.CostModel;

namespace TaxoNN.Runtime.Reporting;

/// <summary>Writes a cost report as readable text: the calibration, then each set-up's costs, then the sweep.</summary>
public static class TextCostReportEmitter
{
    /// <summary>The text of <paramref name="report"/>.</summary>
    public static string Emit(CostReport report, PeCostModel? model = null)
    {
        model ??= PeCostModel.Default;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line.TrimEnd()).Append('\n');

        Line("Cost model calibrated to the TaxoNN paper's synthesis tables (45 nm). The paper does not state their units:");
        Line("figures are per PE in the tables' own units, or ratios. See docs/cost-model.md.");
        foreach (var (quantity, rows) in new[] { (CostQuantity.Area, report.Area), (CostQuantity.Power, report.Power) })
        {
            Line();
            Line($"{Name(quantity)} per PE        Eyeriss          TaxoNN           overhead");
            Line("bits             paper   model    paper   model    paper   recomputed");
            foreach (var row in rows)
            {
                Line(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Bits,4}             {row.PaperEyeriss,5:0.00}   {row.ModelEyeriss,5:0.00}    {row.PaperTaxoNN,5:0.00}   {row.ModelTaxoNN,5:0.00}    {Percent(row.PaperOverhead),6}  {Percent(row.RecomputedOverhead),6}"));
            }

            Line(string.Create(CultureInfo.InvariantCulture,
                $"average                                            {Percent(PaperTables.PaperAverageOverhead(quantity)),6}  {Percent(model.RecomputedAverageOverhead(quantity)),6}"));
        }

        var largest = report.Area.Concat(report.Power).Max(row => Math.Abs(row.PaperOverhead - row.RecomputedOverhead));
        Line();
        Line("The paper's overhead rows were computed from unrounded synthesis results; recomputed from the rounded");
        Line(string.Create(CultureInfo.InvariantCulture, $"tables they differ by up to {largest * 100:0.0} points (both are shown)."));
        Line();
        Line("Outside 13..21 bits each column is extrapolated by v(w) = a + b*w + c*w^2, least squares on its 9 points:");
        foreach (var design in Enum.GetValues<Design>())
        {
            foreach (var quantity in Enum.GetValues<CostQuantity>())
            {
                var fit = model.Fit(design, quantity);
                Line(string.Create(CultureInfo.InvariantCulture,
                    $"  {design,-7} {Name(quantity),-5}  a = {fit.A,9:0.0000}  b = {fit.B,8:0.0000}  c = {fit.C,8:0.00000}  largest error on the table {Percent(fit.MaxTableError)}"));
            }
        }

        for (var i = 0; i < report.Setups.Length; i++)
        {
            WriteSetup(Line, report.Setups[i], report.Sweeps[i]);
        }

        if (report.Setups.Length == 0)
        {
            Line();
            WriteSweep(Line, report.DesignSweep, null);
        }

        return text.ToString();
    }

    private static void WriteSetup(Action<string> line, SetupCost setup, IReadOnlyList<SweepPoint> sweep)
    {
        var training = setup.Training;
        var unit = setup.Formats.Energy.Unit;
        line(string.Empty);
        line($"training {training.Name}: network {training.Network.Name} on accelerator {training.Accelerator.Name} ({training.Accelerator.PeCount} PEs, design {setup.Formats.Design})");
        line($"                            widest  area (array)  power (array)  energy per step ({unit})");
        foreach (var cost in new[] { setup.Formats, setup.Uniform16, setup.FullPrecision })
        {
            line(string.Create(CultureInfo.InvariantCulture,
                $"  {cost.Label,-26} {cost.AreaBits,3}{(cost.Extrapolated ? "*" : " "),-3} {cost.Area,12:0.0}  {cost.Power,13:0.0}  {Scientific(cost.Energy.Total)}"));
        }

        line(string.Create(CultureInfo.InvariantCulture,
            $"  against full precision: area {setup.AreaSaving:0.00}x, power {setup.PowerSaving:0.00}x, energy {setup.EnergySaving:0.00}x smaller"));
        if (setup.PaperClaim is { } claim)
        {
            line(string.Create(CultureInfo.InvariantCulture,
                $"  the paper claims area {claim.Area:0.0}x and power {claim.Power:0.0}x for {DatasetName(training.Data.Dataset)}; the tables' power falls only {PaperTables.Value(Design.Eyeriss, CostQuantity.Power, 21) / PaperTables.Value(Design.Eyeriss, CostQuantity.Power, 13):0.00}x from 21 to 13 bits (docs/cost-model.md)"));
        }

        line("  * extrapolated beyond the tables' 13..21 bits");
        var energy = setup.Formats.Energy;
        var levels = energy.ByLevel;
        line(string.Empty);
        line($"  energy per step by level ({unit}):");
        foreach (var (name, value) in new[] { ("MAC", levels.Mac), ("register file", levels.RegisterFile), ("inter-PE", levels.InterPe), ("global buffer", levels.GlobalBuffer), ("DRAM", levels.Dram) })
        {
            line(string.Create(CultureInfo.InvariantCulture, $"    {name,-15} {Scientific(value)}  {Percent(value / energy.Total),6}"));
        }

        line($"  energy per step by op kind ({unit}):");
        foreach (var (kind, value) in energy.ByKind)
        {
            line(string.Create(CultureInfo.InvariantCulture, $"    {Op.KindName(kind),-19} {Scientific(value.Total)}  {Percent(value.Total / energy.Total),6}"));
        }

        line(string.Create(CultureInfo.InvariantCulture,
            $"  per step {Scientific(energy.Total)}, per sample {Scientific(energy.PerSample)}, per epoch {Scientific(energy.PerEpoch)} ({energy.StepsPerEpoch:N0} steps of {energy.BatchSize} over {energy.SamplesPerEpoch:N0} samples)"));
        if (setup.UnfusedEnergy is { } unfused)
        {
            line(string.Create(CultureInfo.InvariantCulture,
                $"  fusion saves {Scientific(setup.FusionEnergySaving)} per step ({Percent(setup.FusionEnergySaving / unfused.Total)} of the unfused {Scientific(unfused.Total)})"));
        }

        line(string.Empty);
        WriteSweep(line, sweep, unit);
    }

    private static void WriteSweep(Action<string> line, IReadOnlyList<SweepPoint> sweep, string? unit)
    {
        line($"sweep at uniform width (per PE; * extrapolated){(unit is null ? string.Empty : $", energy per step in {unit}")}:");
        line(unit is null
            ? "  bits    Eyeriss area  power    TaxoNN area  power"
            : "  bits    Eyeriss area  power  energy         TaxoNN area  power  energy");
        foreach (var bits in sweep.Select(p => p.Bits).Distinct())
        {
            var eyeriss = sweep.First(p => p.Bits == bits && p.Design == Design.Eyeriss);
            var taxonn = sweep.First(p => p.Bits == bits && p.Design == Design.TaxoNN);
            var mark = eyeriss.Extrapolated || taxonn.Extrapolated ? "*" : " ";
            line(unit is null
                ? string.Create(CultureInfo.InvariantCulture, $"  {bits,4}{mark}   {eyeriss.Area.Value,12:0.00} {eyeriss.Power.Value,6:0.00}   {taxonn.Area.Value,11:0.00} {taxonn.Power.Value,6:0.00}")
                : string.Create(CultureInfo.InvariantCulture, $"  {bits,4}{mark}   {eyeriss.Area.Value,12:0.00} {eyeriss.Power.Value,6:0.00}  {Scientific(eyeriss.EnergyPerStep!.Value)}   {taxonn.Area.Value,11:0.00} {taxonn.Power.Value,6:0.00}  {Scientific(taxonn.EnergyPerStep!.Value)}"));
        }
    }

    private static string DatasetName(Compiler.Semantics.DatasetKind dataset) => dataset switch
    {
        Compiler.Semantics.DatasetKind.Mnist => "mnist",
        Compiler.Semantics.DatasetKind.FashionMnist => "fashion_mnist",
        Compiler.Semantics.DatasetKind.Cifar10 => "cifar10",
        _ => "svhn",
    };

    private static string Name(CostQuantity quantity) => quantity == CostQuantity.Area ? "area" : "power";

    private static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Scientific(double value) => value.ToString("0.000e+00", CultureInfo.InvariantCulture);
}
