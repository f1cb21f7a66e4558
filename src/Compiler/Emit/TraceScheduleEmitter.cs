using System.Text;
using System.Text.Json;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;

namespace TaxoNN.Compiler.Emit;

/// <summary>
/// Writes a schedule in the Chrome trace event format, which ui.perfetto.dev and chrome://tracing open: one slice
/// per op on a track per phase (forward, loss, backward, update), timestamps in microseconds at the accelerator's
/// clock, and counters for the global-buffer and DRAM traffic of each op.
/// </summary>
public static class TraceScheduleEmitter
{
    /// <summary>The trace JSON of <paramref name="schedule"/>.</summary>
    public static string Emit(Schedule schedule)
    {
        var clock = schedule.Step.Training.Accelerator.ClockHz;
        double Microseconds(long cycles) => cycles / clock * 1e6;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("displayTimeUnit", "ns");
            json.WriteStartArray("traceEvents");
            Metadata(json, "process_name", 0, $"{schedule.Step.Training.Name} on {schedule.Step.Training.Accelerator.Name}");
            foreach (var (name, id) in new[] { ("forward", 1), ("loss", 2), ("backward", 3), ("update", 4) })
            {
                Metadata(json, "thread_name", id, name);
            }

            foreach (var op in schedule.Ops.Where(o => o.Cost.Cycles > 0))
            {
                json.WriteStartObject();
                json.WriteString("name", op.Op.Name);
                json.WriteString("cat", Op.KindName(op.Op.Kind));
                json.WriteString("ph", "X");
                json.WriteNumber("ts", Microseconds(op.StartCycle));
                json.WriteNumber("dur", Microseconds(op.Cost.Cycles));
                json.WriteNumber("pid", 1);
                json.WriteNumber("tid", Track(op.Op.Kind));
                json.WriteStartObject("args");
                json.WriteNumber("start_cycle", op.StartCycle);
                json.WriteNumber("cycles", op.Cost.Cycles);
                json.WriteNumber("macs", op.Op.StepMacs);
                json.WriteNumber("pes_used", op.Cost.PesUsed);
                json.WriteNumber("utilisation", Math.Round(op.Utilisation, 4));
                json.WriteString("bound", op.Cost.Bound);
                json.WriteEndObject();
                json.WriteEndObject();

                json.WriteStartObject();
                json.WriteString("name", "traffic (words)");
                json.WriteString("ph", "C");
                json.WriteNumber("ts", Microseconds(op.StartCycle));
                json.WriteNumber("pid", 1);
                json.WriteStartObject("args");
                json.WriteNumber("global_buffer", op.Cost.Accesses.GlobalBuffer);
                json.WriteNumber("dram", op.Cost.Accesses.Dram);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static int Track(OpKind kind) => kind switch
    {
        OpKind.Forward or OpKind.PoolForward or OpKind.ActivationForward => 1,
        OpKind.OutputError => 2,
        OpKind.Update or OpKind.FusedErrorUpdate => 4,
        _ => 3,
    };

    /// <summary>Writes one Chrome/Perfetto metadata event of process 1: a process's or a track's (thread's) name.</summary>
    public static void Metadata(Utf8JsonWriter json, string name, int thread, string value)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("ph", "M");
        json.WriteNumber("pid", 1);
        json.WriteNumber("tid", thread);
        json.WriteStartObject("args");
        json.WriteString("name", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
