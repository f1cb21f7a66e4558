using System.Text.Json;
using TaxoNN.Compiler.Emit;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Compiler.Tests;

/// <summary>The JSON schedule follows docs/schedule-schema.md, and the trace is valid Chrome trace JSON.</summary>
public sealed class EmitterTests
{
    private static Schedule LeNet(bool fuse = true) => Scheduler.Build(
        Compilation.Create([Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")], fuse: fuse).Steps().Single());

    [Fact]
    public void JsonHasTheDocumentedFieldsAndAgreesWithTheSchedule()
    {
        var schedule = LeNet();
        using var document = JsonDocument.Parse(JsonScheduleEmitter.Emit(schedule));
        var root = document.RootElement;
        Assert.Equal(JsonScheduleEmitter.SchemaVersion, root.GetProperty("schema_version").GetInt32());
        Assert.Equal("LeNet5Mnist", root.GetProperty("training").GetString());
        Assert.True(root.GetProperty("fused").GetBoolean());
        var ops = root.GetProperty("ops").EnumerateArray().ToList();
        Assert.Equal(schedule.Ops.Length, ops.Count);
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            var expected = schedule.Ops[i];
            foreach (var field in new[] { "layer", "kind", "macs", "cycles", "start_cycle", "pes_used", "accesses", "reads", "writes", "utilisation" })
            {
                Assert.True(op.TryGetProperty(field, out _), $"op {i} lacks '{field}'");
            }

            Assert.Equal(Op.KindName(expected.Op.Kind), op.GetProperty("kind").GetString());
            Assert.Equal(expected.Op.StepMacs, op.GetProperty("macs").GetInt64());
            Assert.Equal(expected.Cost.Cycles, op.GetProperty("cycles").GetInt64());
            Assert.Equal(expected.StartCycle, op.GetProperty("start_cycle").GetInt64());
            Assert.Equal(expected.Cost.Accesses.Dram, op.GetProperty("accesses").GetProperty("dram").GetInt64());
        }

        var totals = root.GetProperty("totals");
        Assert.Equal(schedule.TotalCycles, totals.GetProperty("cycles").GetInt64());
        Assert.Equal(schedule.TotalMacs, totals.GetProperty("macs").GetInt64());
        Assert.Equal(schedule.Unfused!.TotalCycles - schedule.TotalCycles, root.GetProperty("fusion_savings").GetProperty("cycles").GetInt64());
        Assert.Contains(root.GetProperty("ops").EnumerateArray(), o => o.GetProperty("kind").GetString() == "fused_error_update");
    }

    [Fact]
    public void UnfusedJsonHasNoSavingsAndNoFusedOps()
    {
        using var document = JsonDocument.Parse(JsonScheduleEmitter.Emit(LeNet(fuse: false)));
        Assert.False(document.RootElement.GetProperty("fused").GetBoolean());
        Assert.False(document.RootElement.TryGetProperty("fusion_savings", out _));
        Assert.DoesNotContain(document.RootElement.GetProperty("ops").EnumerateArray(), o => o.GetProperty("kind").GetString() == "fused_error_update");
    }

    [Fact]
    public void EveryDocumentedFieldIsWrittenAndEveryWrittenFieldDocumented()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "schedule-schema.md"));
        using var document = JsonDocument.Parse(JsonScheduleEmitter.Emit(LeNet()));
        var written = new HashSet<string>(StringComparer.Ordinal);
        void Collect(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    written.Add(property.Name);
                    Collect(property.Value);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item);
                }
            }
        }

        Collect(document.RootElement);
        Assert.All(written, name => Assert.Contains($"`{name}`", doc, StringComparison.Ordinal));
    }

    [Fact]
    public void TraceIsChromeTraceJsonWithOneSlicePerOpThatTakesTime()
    {
        var schedule = LeNet();
        using var document = JsonDocument.Parse(TraceScheduleEmitter.Emit(schedule));
        var events = document.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        var slices = events.Where(e => e.GetProperty("ph").GetString() == "X").ToList();
        Assert.Equal(schedule.Ops.Count(o => o.Cost.Cycles > 0), slices.Count);
        var clock = schedule.Step.Training.Accelerator.ClockHz;
        var last = schedule.Ops.Last(o => o.Cost.Cycles > 0);
        var lastSlice = slices[^1];
        Assert.Equal(last.Op.Name, lastSlice.GetProperty("name").GetString());
        Assert.Equal(last.StartCycle / clock * 1e6, lastSlice.GetProperty("ts").GetDouble(), 9);
        Assert.Equal(last.Cost.Cycles / clock * 1e6, lastSlice.GetProperty("dur").GetDouble(), 9);
        Assert.Contains(events, e => e.GetProperty("ph").GetString() == "C");
        Assert.Contains(events, e => e.GetProperty("ph").GetString() == "M");
    }

    [Fact]
    public void TextNamesEveryOpAndTheTotals()
    {
        var schedule = LeNet();
        var text = TextScheduleEmitter.Emit(schedule);
        foreach (var op in schedule.Ops)
        {
            Assert.Contains(Op.KindName(op.Op.Kind), text, StringComparison.Ordinal);
        }

        Assert.Contains("per step:", text, StringComparison.Ordinal);
        Assert.Contains("per sample:", text, StringComparison.Ordinal);
        Assert.Contains("fusion saves", text, StringComparison.Ordinal);
        Assert.Contains("activations kept for back-propagation", text, StringComparison.Ordinal);
    }
}
