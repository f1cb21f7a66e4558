using System.Text;
using System.Text.Json;
using TaxoNN.Compiler.Emit;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// Writes a simulated step's executed timeline in the Chrome trace event format (ui.perfetto.dev, chrome://tracing):
/// one slice per op on the "ops" track, the array's stalls on their own track, one track per PE set (the slices of
/// the passes it ran), and counters of the global-buffer and DRAM words each op moved. Timestamps are microseconds
/// at the accelerator's clock.
/// </summary>
public static class SimulationTraceEmitter
{
    private const int OpsTrack = 1;
    private const int StallTrack = 2;
    private const int FirstSetTrack = 10;

    /// <summary>The trace JSON of <paramref name="step"/>, simulated from <paramref name="schedule"/>.</summary>
    public static string Emit(Schedule schedule, SimulatedStep step)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(step);
        var accelerator = schedule.Step.Training.Accelerator;
        var clock = accelerator.ClockHz;
        double Microseconds(long cycles) => cycles / clock * 1e6;
        var tracks = new Dictionary<(int, int, int, int), int>();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("displayTimeUnit", "ns");
            json.WriteStartArray("traceEvents");
            TraceScheduleEmitter.Metadata(json, "process_name", 0, $"{schedule.Step.Training.Name} simulated on {accelerator.Name}");
            TraceScheduleEmitter.Metadata(json, "thread_name", OpsTrack, "ops");
            TraceScheduleEmitter.Metadata(json, "thread_name", StallTrack, "stalls (waiting for the global buffer or DRAM)");
            foreach (var op in step.Ops.Where(o => o.Cycles > 0))
            {
                Slice(json, op.Name, Op.KindName(op.Kind), OpsTrack, Microseconds(op.StartCycle), Microseconds(op.Cycles), json =>
                {
                    json.WriteNumber("compute_cycles", op.ComputeCycles);
                    json.WriteNumber("stall_cycles", op.Stalls);
                    json.WriteNumber("macs", op.MacUnitMacs);
                    json.WriteNumber("register_file", op.Accesses.RegisterFile);
                    json.WriteNumber("inter_pe", op.Accesses.InterPe);
                });
                if (op.Stalls > 0)
                {
                    Slice(json, $"{op.Name} stalled", "stall", StallTrack, Microseconds(op.StartCycle + op.ComputeCycles), Microseconds(op.Stalls), null);
                }

                foreach (var set in op.Sets.Where(s => s.EndCycle > s.FirstCycle))
                {
                    var key = (set.Row, set.Column, set.Height, set.Width);
                    if (!tracks.TryGetValue(key, out var track))
                    {
                        track = FirstSetTrack + tracks.Count;
                        tracks.Add(key, track);
                        TraceScheduleEmitter.Metadata(json, "thread_name", track, $"PEs rows {set.Row}-{set.Row + set.Height - 1}, columns {set.Column}-{set.Column + set.Width - 1}");
                    }

                    Slice(json, $"{op.Name} ({set.Pass})", Op.KindName(op.Kind), track, Microseconds(set.FirstCycle), Microseconds(set.EndCycle - set.FirstCycle), json => json.WriteNumber("units", set.Units));
                }

                Counter(json, Microseconds(op.StartCycle), op.Accesses.GlobalBuffer, op.Accesses.Dram);
            }

            Counter(json, Microseconds(step.TotalCycles), 0, 0);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Slice(Utf8JsonWriter json, string name, string category, int track, double start, double duration, Action<Utf8JsonWriter>? args)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("cat", category);
        json.WriteString("ph", "X");
        json.WriteNumber("ts", start);
        json.WriteNumber("dur", duration);
        json.WriteNumber("pid", 1);
        json.WriteNumber("tid", track);
        if (args is not null)
        {
            json.WriteStartObject("args");
            args(json);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void Counter(Utf8JsonWriter json, double at, long globalBuffer, long dram)
    {
        json.WriteStartObject();
        json.WriteString("name", "traffic (words)");
        json.WriteString("ph", "C");
        json.WriteNumber("ts", at);
        json.WriteNumber("pid", 1);
        json.WriteStartObject("args");
        json.WriteNumber("global_buffer", globalBuffer);
        json.WriteNumber("dram", dram);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
