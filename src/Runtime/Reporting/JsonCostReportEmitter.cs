using System.Text;
using System.Text.Json;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Runtime.CostModel;

namespace TaxoNN.Runtime.Reporting;

/// <summary>Writes a cost report as JSON (schema in docs/cost-model.md, "Report JSON"), and set-up costs for other reports.</summary>
public static class JsonCostReportEmitter
{
    /// <summary>The schema version; a change that breaks readers bumps it.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The JSON of <paramref name="report"/>, indented, ending with a line break.</summary>
    public static string Emit(CostReport report, PeCostModel? model = null)
    {
        model ??= PeCostModel.Default;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", SchemaVersion);
            json.WriteString("units", "area and power per PE in the paper's table units (not stated in the paper); energy in 'pJ' or 'MAC16' (one 16-bit MAC)");
            json.WriteStartObject("calibration");
            foreach (var (name, quantity, rows) in new[] { ("area", CostQuantity.Area, report.Area), ("power", CostQuantity.Power, report.Power) })
            {
                json.WriteStartObject(name);
                json.WriteStartArray("rows");
                foreach (var row in rows)
                {
                    json.WriteStartObject();
                    json.WriteNumber("bits", row.Bits);
                    json.WriteNumber("paper_eyeriss", row.PaperEyeriss);
                    json.WriteNumber("model_eyeriss", row.ModelEyeriss);
                    json.WriteNumber("paper_taxonn", row.PaperTaxoNN);
                    json.WriteNumber("model_taxonn", row.ModelTaxoNN);
                    json.WriteNumber("paper_overhead", row.PaperOverhead);
                    json.WriteNumber("recomputed_overhead", Math.Round(row.RecomputedOverhead, 6));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteNumber("paper_average_overhead", PaperTables.PaperAverageOverhead(quantity));
                json.WriteNumber("recomputed_average_overhead", Math.Round(model.RecomputedAverageOverhead(quantity), 6));
                foreach (var design in Enum.GetValues<Design>())
                {
                    var fit = model.Fit(design, quantity);
                    json.WriteStartObject($"fit_{DesignName(design)}");
                    json.WriteNumber("a", fit.A);
                    json.WriteNumber("b", fit.B);
                    json.WriteNumber("c", fit.C);
                    json.WriteNumber("max_table_error", Math.Round(fit.MaxTableError, 6));
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartArray("setups");
            for (var i = 0; i < report.Setups.Length; i++)
            {
                json.WriteStartObject();
                WriteSetup(json, report.Setups[i]);
                WriteSweep(json, report.Sweeps[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (report.Setups.Length == 0)
            {
                WriteSweep(json, report.DesignSweep);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Writes the properties of one set-up's costs into the current object (the training report embeds them too).</summary>
    public static void WriteSetup(Utf8JsonWriter json, SetupCost setup)
    {
        json.WriteString("training", setup.Training.Name);
        json.WriteString("accelerator", setup.Training.Accelerator.Name);
        json.WriteString("design", DesignName(setup.Formats.Design));
        json.WriteNumber("pes", setup.Training.Accelerator.PeCount);
        json.WriteString("energy_unit", setup.Formats.Energy.Unit);
        json.WriteStartObject("formats");
        WriteDesignCost(json, setup.Formats);
        json.WriteEndObject();
        json.WriteStartObject("uniform_16_bits");
        WriteDesignCost(json, setup.Uniform16);
        json.WriteEndObject();
        json.WriteStartObject("full_precision_32_bits");
        WriteDesignCost(json, setup.FullPrecision);
        json.WriteEndObject();
        json.WriteStartObject("savings_against_full_precision");
        json.WriteNumber("area", Math.Round(setup.AreaSaving, 6));
        json.WriteNumber("power", Math.Round(setup.PowerSaving, 6));
        json.WriteNumber("energy", Math.Round(setup.EnergySaving, 6));
        if (setup.PaperClaim is { } claim)
        {
            json.WriteNumber("paper_claim_area", claim.Area);
            json.WriteNumber("paper_claim_power", claim.Power);
        }

        json.WriteEndObject();
        var energy = setup.Formats.Energy;
        json.WriteNumber("energy_per_step", energy.Total);
        json.WriteNumber("energy_per_sample", energy.PerSample);
        json.WriteNumber("energy_per_epoch", energy.PerEpoch);
        json.WriteNumber("steps_per_epoch", energy.StepsPerEpoch);
        WriteLevels(json, "energy_by_level", energy.ByLevel);
        json.WriteStartObject("energy_by_kind");
        foreach (var (kind, value) in energy.ByKind)
        {
            json.WriteNumber(Op.KindName(kind), value.Total);
        }

        json.WriteEndObject();
        if (setup.UnfusedEnergy is { } unfused)
        {
            json.WriteNumber("unfused_energy_per_step", unfused.Total);
            json.WriteNumber("fusion_energy_saving", setup.FusionEnergySaving);
        }
    }

    private static void WriteDesignCost(Utf8JsonWriter json, DesignCost cost)
    {
        json.WriteNumber("area_bits", cost.AreaBits);
        json.WriteNumber("area", cost.Area);
        json.WriteNumber("power", cost.Power);
        json.WriteNumber("energy_per_step", cost.Energy.Total);
        json.WriteBoolean("extrapolated", cost.Extrapolated);
    }

    private static void WriteLevels(Utf8JsonWriter json, string name, EnergyLevels levels)
    {
        json.WriteStartObject(name);
        json.WriteNumber("mac", levels.Mac);
        json.WriteNumber("register_file", levels.RegisterFile);
        json.WriteNumber("inter_pe", levels.InterPe);
        json.WriteNumber("global_buffer", levels.GlobalBuffer);
        json.WriteNumber("dram", levels.Dram);
        json.WriteEndObject();
    }

    private static void WriteSweep(Utf8JsonWriter json, IEnumerable<SweepPoint> sweep)
    {
        json.WriteStartArray("sweep");
        foreach (var point in sweep)
        {
            json.WriteStartObject();
            json.WriteString("design", DesignName(point.Design));
            json.WriteNumber("bits", point.Bits);
            json.WriteNumber("area", point.Area.Value);
            json.WriteNumber("power", point.Power.Value);
            if (point.EnergyPerStep is { } energy)
            {
                json.WriteNumber("energy_per_step", energy);
            }

            json.WriteBoolean("extrapolated", point.Extrapolated);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>How reports name a design.</summary>
    public static string DesignName(Design design) => design == Design.Eyeriss ? "eyeriss" : "taxonn";
}
