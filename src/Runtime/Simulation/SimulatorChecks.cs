using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Mapping;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// Whether a conv-like op's mapping can run on the array: its sets fit the PE grid, its units cover the work, and what a
/// PE keeps fits its spads (filter words p·q·s, an ifmap window of q·((s − 1)·D + 1) words, p psums — p·q for a weight
/// gradient). A mapping that fails is TAXO6001 or TAXO6002, before any cycle runs.
/// </summary>
internal static class SimulatorChecks
{
    public static void CheckMapping(Op op, ConvGeometry g, RowStationaryMapping m, AcceleratorSymbol accelerator)
    {
        if (Problem(op, g, m, accelerator) is { } diagnostic)
        {
            throw new SimulationAbort(diagnostic);
        }
    }

    public static Diagnostic? Problem(Op op, ConvGeometry g, RowStationaryMapping m, AcceleratorSymbol accelerator)
    {
        var at = DiagnosticBuilder.ForSpan(op.Location.Source, op.Location.Span);
        string? misfit = null;
        if (m.SetHeight < 1 || m.SetWidth < 1 || m.SetsDown < 1 || m.SetsAcross < 1 || m.FiltersPerPe < 1 || m.ChannelsPerPe < 1
            || m.TapsPerPrimitive < 1 || m.OutputWidthPerUnit < 1 || m.RowFolds < 1 || m.TapFolds < 1 || m.Bands < 1 || m.OutputSplits < 1)
        {
            misfit = "a set, fold or per-PE count is below one";
        }
        else if ((long)m.SetHeight * m.SetsDown > accelerator.Rows || (long)m.SetWidth * m.SetsAcross > accelerator.Columns)
        {
            misfit = $"{m.SetsDown} x {m.SetsAcross} sets of {m.SetHeight} x {m.SetWidth} PEs need {(long)m.SetHeight * m.SetsDown} x {(long)m.SetWidth * m.SetsAcross} PEs, the array has {accelerator.Rows} x {accelerator.Columns}";
        }
        else if ((long)m.SetHeight * m.RowFolds < g.R || (long)m.TapsPerPrimitive * m.TapFolds < g.S
            || (long)m.SetWidth * m.Bands < g.E || (long)m.OutputWidthPerUnit * m.OutputSplits < g.F)
        {
            misfit = $"its folds do not cover the {g.R} x {g.S} filter and {g.E} x {g.F} output";
        }
        else if (m.Units != (long)Ceil(g.M, m.FiltersPerPe) * Ceil(g.C, m.ChannelsPerPe) * m.RowFolds * m.TapFolds * m.Bands * m.OutputSplits)
        {
            misfit = $"its {m.Units} units are not the {m.FiltersPerPe}-filter, {m.ChannelsPerPe}-channel blocks times the folds";
        }

        if (misfit is not null)
        {
            return at.ScheduleDoesNotFit(op.Name, misfit);
        }

        var filterWords = (long)m.FiltersPerPe * m.ChannelsPerPe * m.TapsPerPrimitive;
        var window = (long)m.ChannelsPerPe * (((m.TapsPerPrimitive - 1) * (long)g.D) + 1);
        var psums = (long)m.FiltersPerPe * (g.SeparateChannels ? m.ChannelsPerPe : 1);
        return filterWords > accelerator.FilterSpadWords ? at.RegisterFileTooSmall(op.Name, "filter", filterWords, accelerator.FilterSpadWords)
            : window > accelerator.IfmapSpadWords ? at.RegisterFileTooSmall(op.Name, "ifmap", window, accelerator.IfmapSpadWords)
            : psums > accelerator.PsumSpadWords ? at.RegisterFileTooSmall(op.Name, "psum", psums, accelerator.PsumSpadWords)
            : null;
    }

    private static long Ceil(long a, long b) => (a + b - 1) / b;
}
