using System.Text;
using System.Text.Json;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Mapping;
using TaxoNN.Compiler.Scheduling;

namespace TaxoNN.Compiler.Emit;

/// <summary>Writes a schedule as JSON in the versioned schema of docs/schedule-schema.md.</summary>
public static class JsonScheduleEmitter
{
    /// <summary>The schema version; a change that breaks readers bumps it.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The JSON of <paramref name="schedule"/>, indented, ending with a line break.</summary>
    public static string Emit(Schedule schedule)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", SchemaVersion);
            WriteBody(json, schedule);
            if (schedule.Unfused is { } unfused)
            {
                json.WriteStartObject("fusion_savings");
                json.WriteNumber("cycles", unfused.TotalCycles - schedule.TotalCycles);
                json.WriteNumber("weight_reads", unfused.WeightReads - schedule.WeightReads);
                json.WriteNumber("unfused_cycles", unfused.TotalCycles);
                json.WriteNumber("unfused_weight_reads", unfused.WeightReads);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteBody(Utf8JsonWriter json, Schedule schedule)
    {
        var step = schedule.Step;
        var training = step.Training;
        var accelerator = training.Accelerator;
        json.WriteString("training", training.Name);
        json.WriteString("network", training.Network.Name);
        json.WriteStartObject("accelerator");
        json.WriteString("name", accelerator.Name);
        json.WriteNumber("rows", accelerator.Rows);
        json.WriteNumber("columns", accelerator.Columns);
        json.WriteNumber("clock_hz", accelerator.ClockHz);
        json.WriteNumber("global_buffer_bytes", accelerator.GlobalBufferBytes);
        json.WriteNumber("global_buffer_words_per_cycle", accelerator.GlobalBufferWordsPerCycle);
        json.WriteNumber("dram_words_per_cycle", accelerator.DramWordsPerCycle);
        json.WriteEndObject();
        json.WriteNumber("batch_size", step.BatchSize);
        json.WriteBoolean("inference", step.Inference);
        json.WriteBoolean("fused", step.Fused);
        json.WriteString("learning_rate_format", step.LearningRateFormat.ToString());
        json.WriteNumber("peak_activation_bytes", step.PeakActivationBytes);

        json.WriteStartArray("tensors");
        foreach (var tensor in step.Tensors)
        {
            json.WriteStartObject();
            json.WriteString("name", tensor.Name);
            json.WriteString("role", RoleName(tensor.Role));
            json.WriteNumber("elements", tensor.Elements);
            json.WriteNumber("word_bits", tensor.Format.WordBits);
            json.WriteNumber("fraction_bits", tensor.Format.FractionBits);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("ops");
        foreach (var op in schedule.Ops)
        {
            WriteOp(json, op);
        }

        json.WriteEndArray();
        json.WriteStartObject("totals");
        json.WriteNumber("cycles", schedule.TotalCycles);
        json.WriteNumber("macs", schedule.TotalMacs);
        json.WriteNumber("seconds", schedule.Seconds);
        json.WriteNumber("utilisation", Math.Round(schedule.Utilisation, 6));
        json.WriteNumber("cycles_per_sample", schedule.CyclesPerSample);
        json.WriteNumber("weight_reads", schedule.WeightReads);
        WriteAccesses(json, schedule.TotalAccesses);
        json.WriteEndObject();
    }

    private static void WriteOp(Utf8JsonWriter json, ScheduledOp op)
    {
        json.WriteStartObject();
        json.WriteNumber("index", op.Op.Index);
        json.WriteString("name", op.Op.Name);
        json.WriteString("layer", op.Op.Layer?.Name ?? "loss");
        json.WriteString("kind", Op.KindName(op.Op.Kind));
        json.WriteNumber("macs", op.Op.StepMacs);
        json.WriteNumber("macs_per_sample", op.Op.Macs);
        json.WriteNumber("samples", op.Op.Samples);
        json.WriteNumber("cycles", op.Cost.Cycles);
        json.WriteNumber("start_cycle", op.StartCycle);
        json.WriteNumber("end_cycle", op.EndCycle);
        json.WriteNumber("compute_cycles", op.Cost.ComputeCycles);
        json.WriteNumber("global_buffer_cycles", op.Cost.GlobalBufferCycles);
        json.WriteNumber("dram_cycles", op.Cost.DramCycles);
        json.WriteString("bound", op.Cost.Bound);
        json.WriteNumber("pes_used", op.Cost.PesUsed);
        json.WriteNumber("utilisation", Math.Round(op.Utilisation, 6));
        json.WriteNumber("accumulator_bits", op.Op.AccumulatorBits);
        json.WriteNumber("weight_reads", op.WeightReads);
        WriteStrings(json, "reads", op.Op.Reads);
        WriteStrings(json, "writes", op.Op.Writes);
        WriteAccesses(json, op.Cost.Accesses);
        if (op.Cost.Mapping is { } mapping)
        {
            WriteMapping(json, "mapping", mapping);
        }

        if (op.Cost.SecondMapping is { } second)
        {
            WriteMapping(json, "gradient_mapping", second);
        }

        json.WriteString("note", op.Op.Note);
        json.WriteEndObject();
    }

    private static string RoleName(TensorRole role) => role switch
    {
        TensorRole.Input => "input",
        TensorRole.Label => "label",
        TensorRole.Activation => "activation",
        TensorRole.Error => "error",
        TensorRole.Weights => "weights",
        _ => "weight_gradient",
    };

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteAccesses(Utf8JsonWriter json, Accesses accesses)
    {
        json.WriteStartObject("accesses");
        json.WriteNumber("register_file", accesses.RegisterFile);
        json.WriteNumber("inter_pe", accesses.InterPe);
        json.WriteNumber("global_buffer", accesses.GlobalBuffer);
        json.WriteNumber("dram", accesses.Dram);
        json.WriteEndObject();
    }

    private static void WriteMapping(Utf8JsonWriter json, string name, RowStationaryMapping m)
    {
        json.WriteStartObject(name);
        json.WriteNumber("set_height", m.SetHeight);
        json.WriteNumber("set_width", m.SetWidth);
        json.WriteNumber("sets_down", m.SetsDown);
        json.WriteNumber("sets_across", m.SetsAcross);
        json.WriteNumber("filters_per_pe", m.FiltersPerPe);
        json.WriteNumber("channels_per_pe", m.ChannelsPerPe);
        json.WriteNumber("taps_per_primitive", m.TapsPerPrimitive);
        json.WriteNumber("row_folds", m.RowFolds);
        json.WriteNumber("tap_folds", m.TapFolds);
        json.WriteNumber("bands", m.Bands);
        json.WriteNumber("output_splits", m.OutputSplits);
        json.WriteNumber("output_width_per_unit", m.OutputWidthPerUnit);
        json.WriteNumber("units", m.Units);
        json.WriteNumber("passes", m.Passes);
        json.WriteNumber("cycles_per_unit", m.CyclesPerUnit);
        json.WriteNumber("fill_cycles", m.FillCycles);
        json.WriteEndObject();
    }
}
