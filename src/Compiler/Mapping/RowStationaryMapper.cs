using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Compiler.Mapping;

/// <summary>
/// Maps conv-like work (convolutions and, as 1 x 1 convolutions, dense layers) onto the array with Eyeriss's
/// row-stationary dataflow and computes its cycles and accesses by the rules in docs/timing-model.md. The mapping is
/// determined by the rules (no search), so the cycle-accurate simulator can follow it exactly.
/// </summary>
public static class RowStationaryMapper
{
    /// <summary>The mapping of <paramref name="g"/> on <paramref name="accelerator"/> (rules M1–M9).</summary>
    public static RowStationaryMapping Map(ConvGeometry g, AcceleratorSymbol accelerator)
    {
        // M1: the ifmap spad holds a window of (s − 1)·D + 1 words per channel, so dilated taps take more of it.
        var taps = Math.Max(1, Math.Min(g.S, ((accelerator.IfmapSpadWords - 1) / g.D) + 1));
        var tapFolds = Ceil(g.S, taps);
        var height = Math.Min(g.R, accelerator.Rows);                                             // M2
        var rowFolds = Ceil(g.R, height);
        var width = Math.Min(g.E, accelerator.Columns);                                           // M3
        var bands = Ceil(g.E, width);
        var down = accelerator.Rows / height;                                                     // M4
        var across = accelerator.Columns / width;
        var parallel = (long)down * across;
        var window = ((taps - 1) * g.D) + 1;
        // M5: a weight gradient keeps a psum per filter and channel, so p·q of them must fit the psum spad.
        var channels = Math.Max(1, Min(g.C, accelerator.IfmapSpadWords / window, accelerator.FilterSpadWords / taps)); // M5
        if (g.SeparateChannels)
        {
            channels = Math.Max(1, Math.Min(channels, accelerator.PsumSpadWords));
        }

        var psumsPerFilter = g.SeparateChannels ? channels : 1;
        var filters = Math.Max(1, Min(g.M, accelerator.PsumSpadWords / psumsPerFilter, accelerator.FilterSpadWords / (channels * taps)));
        var rest = (long)rowFolds * tapFolds * bands;
        if ((long)Ceil(g.M, filters) * Ceil(g.C, channels) * rest < parallel)                       // M6: spread small work
        {
            var channelGroups = (int)Math.Min(g.C, Ceil(parallel, Ceil(g.M, filters) * rest));
            channels = Math.Max(1, Math.Min(channels, Ceil(g.C, channelGroups)));
            if ((long)Ceil(g.M, filters) * Ceil(g.C, channels) * rest < parallel)
            {
                var filterGroups = (int)Math.Min(g.M, Ceil(parallel, Ceil(g.C, channels) * rest));
                filters = Math.Max(1, Math.Min(filters, Ceil(g.M, filterGroups)));
            }
        }

        var baseUnits = (long)Ceil(g.M, filters) * Ceil(g.C, channels) * rest;                       // M7
        var splits = baseUnits >= parallel ? 1 : (int)Math.Min(g.F, parallel / baseUnits);
        var outputWidth = Ceil(g.F, splits);
        var units = baseUnits * splits;
        var passes = (units + parallel - 1) / parallel;                                           // M9
        return new RowStationaryMapping(height, width, down, across, filters, channels, taps, rowFolds, tapFolds, bands, splits, outputWidth, units, passes);
    }

    /// <summary>Cycles and accesses of one sample of conv-like work (rules T1–T6).</summary>
    public static OpCost Cost(ConvGeometry g, AcceleratorSymbol accelerator, long dramWords) =>
        Cost(g, accelerator, dramWords, TimingConstants.Default);

    /// <summary>Cycles and accesses of one sample of conv-like work (rules T1–T6) under <paramref name="constants"/>.</summary>
    public static OpCost Cost(ConvGeometry g, AcceleratorSymbol accelerator, long dramWords, TimingConstants constants)
    {
        ArgumentNullException.ThrowIfNull(constants);
        var m = Map(g, accelerator);
        var fill = Ceil(m.FillCycles, (long)constants.FillWordsPerCycle);
        var compute = m.Passes * (m.CyclesPerUnit + fill);                                         // T1
        var rows = ((long)(m.SetWidth - 1) * g.U) + ((long)(m.SetHeight - 1) * g.D) + 1;         // T2
        var rowLength = ((long)(m.OutputWidthPerUnit - 1) * g.U) + ((long)(m.TapsPerPrimitive - 1) * g.D) + 1;
        var filterWords = (long)m.FiltersPerPe * m.ChannelsPerPe * m.SetHeight * m.TapsPerPrimitive;
        var ifmapWords = m.ChannelsPerPe * rows * rowLength;
        var psumsPerFilter = g.SeparateChannels ? m.ChannelsPerPe : 1;
        var psumWrites = (long)m.FiltersPerPe * psumsPerFilter * m.SetWidth * m.OutputWidthPerUnit;
        var chain = (g.SeparateChannels ? 1L : Ceil(g.C, m.ChannelsPerPe)) * m.RowFolds * m.TapFolds; // T3
        var psumReads = psumWrites * (m.Units - (m.Units / chain));
        var glb = (m.Units * (filterWords + ifmapWords + psumWrites)) + psumReads;
        var pes = (long)m.SetHeight * m.SetWidth;
        var spadWrites = m.Units * pes * ((long)m.FiltersPerPe * m.ChannelsPerPe * m.TapsPerPrimitive + (m.ChannelsPerPe * rowLength));
        var registerFile = (constants.RegisterFileAccessesPerMac * g.Macs) + spadWrites;                                             // T4
        var interPe = m.Units * (m.SetHeight - 1) * (long)m.SetWidth * m.FiltersPerPe * psumsPerFilter * m.OutputWidthPerUnit; // T5
        var glbCycles = Ceil(glb, accelerator.GlobalBufferWordsPerCycle);                        // T6
        var dramCycles = Ceil(dramWords, accelerator.DramWordsPerCycle);
        return new OpCost(m, null, compute, glbCycles, dramCycles, m.PesUsed, g.Macs,
            new Accesses(registerFile, interPe, glb, dramWords));
    }

    /// <summary>The conv geometry of matrix-vector work: <paramref name="outputs"/> x <paramref name="inputs"/> as a 1 x 1 convolution.</summary>
    public static ConvGeometry MatrixVector(int outputs, int inputs) => new(outputs, inputs, 1, 1, 1, 1, 1, 1, 1, 1);

    /// <summary>The conv geometry of an outer product g · xᵀ (<paramref name="outputs"/> x <paramref name="inputs"/>): filters of one tap over a row of the inputs.</summary>
    public static ConvGeometry OuterProduct(int outputs, int inputs) => new(outputs, 1, 1, inputs, 1, 1, 1, inputs, 1, 1);

    internal static int Ceil(int a, int b) => (a + b - 1) / b;

    internal static long Ceil(long a, long b) => (a + b - 1) / b;

    internal static long Ceil(long a, double perCycle) => perCycle <= 0 ? 0 : (long)Math.Ceiling(a / perCycle);

    private static int Min(int a, int b, int c) => Math.Min(a, Math.Min(b, c));
}
