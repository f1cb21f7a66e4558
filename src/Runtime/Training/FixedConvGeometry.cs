using System.Numerics;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The scratch of one convolution on the vector path: the input unfolded into columns (im2col, one row per weight
/// position, one column per output position, padded with zero columns to whole vectors) and the buffers of its
/// backward pass.
/// </summary>
internal sealed class FixedConvGeometry
{
    public FixedConvGeometry(LayerSymbol s)
    {
        Channels = s.Input.Channels;
        Height = s.Input.Height;
        Width = s.Input.Width;
        OutChannels = s.Output.Channels;
        OutHeight = s.Output.Height;
        OutWidth = s.Output.Width;
        KernelHeight = s.Kernel.Height;
        KernelWidth = s.Kernel.Width;
        StrideY = s.Stride.Height;
        StrideX = s.Stride.Width;
        PadY = s.Padding.Height;
        PadX = s.Padding.Width;
        Positions = OutHeight * OutWidth;
        PaddedPositions = (Positions + Vector<short>.Count - 1) / Vector<short>.Count * Vector<short>.Count;
        Taps = Channels * KernelHeight * KernelWidth;
        Columns = new int[Taps * PaddedPositions];
        Errors = new int[OutChannels * PaddedPositions];
        Row = new long[PaddedPositions];
        PaddedInput = new long[Channels * (Height + (2 * PadY) + KernelHeight) * (Width + (2 * PadX) + KernelWidth)];
        InputErrors = new long[Channels * Height * Width];
        TransposedWeights = new int[Taps * OutChannels];
        TapPairs = (Taps + 1) / 2;
        ChannelPairs = (OutChannels + 1) / 2;
        PairedColumns = new int[(TapPairs * PaddedPositions) + Vector<short>.Count];
        PlaneOffsets = new int[Taps];
        for (var tap = 0; tap < Taps; tap++)
        {
            var window = KernelHeight * KernelWidth;
            PlaneOffsets[tap] = ((((tap / window) * PaddedHeight) + (tap % window / KernelWidth)) * PaddedWidth) + (tap % KernelWidth);
        }

        Errors16 = new short[OutChannels * PaddedPositions];
        PairedErrors = new int[ChannelPairs * PaddedPositions];
        PairedWeights = new int[OutChannels * TapPairs];
        PairedChannelWeights = new int[ChannelPairs * Taps];

        // Whole-vector copies may run up to a vector past a row's end: the slack keeps them inside the arrays.
        Columns16 = new short[(Taps * PaddedPositions) + Vector<short>.Count];
        ActiveChannels = new int[OutChannels];
        ChannelMagnitudes = new long[OutChannels];
        var chunk = 4 * Vector<int>.Count;
        RowPairStride = (Taps + chunk - 1) / chunk * chunk;
        RowPairs = new int[((Positions / 2) * RowPairStride) + chunk + Vector<int>.Count];
        ChunkSums = new int[RowPairStride];
        PairIndices = new int[OutChannels * PaddedPositions / 2];
        PairValues = new int[OutChannels * PaddedPositions / 2];
        PairStarts = new int[OutChannels + 1];
        PlaneSums32 = new int[(Channels * PaddedHeight * PaddedWidth) + Vector<int>.Count];
        TapRow32 = new int[PaddedPositions + Vector<int>.Count];
        InputErrors32 = new int[Channels * Height * Width];
        Sums = new long[OutChannels * PaddedPositions];
        BlockEnds = new int[(3 * Math.Max(TapPairs, ChannelPairs)) + 1];
        Plane16 = new short[(Channels * PaddedHeight * PaddedWidth) + Vector<short>.Count];
        ScatterChannels = (Channels + Vector<int>.Count - 1) / Vector<int>.Count * Vector<int>.Count;
        ScatterPlane = new int[PaddedHeight * PaddedWidth * ScatterChannels];
        ScatterWeights = new int[OutChannels * KernelHeight * KernelWidth * ScatterChannels];
        ScatterCorners = new int[(OutChannels * PaddedPositions) + Vector<int>.Count];
        ScatterValues = new int[(OutChannels * PaddedPositions) + Vector<int>.Count];
        ScatterStarts = new int[OutChannels + 1];
        ChannelBounds = new long[Channels];
        WindowCorners = new int[PaddedPositions];
        Compaction = new byte[(256 * 8) + 8];
        for (var mask = 0; mask < 256; mask++)
        {
            var next = 0;
            for (var lane = 0; lane < 8; lane++)
            {
                if ((mask & (1 << lane)) != 0)
                {
                    Compaction[(mask * 8) + next++] = (byte)lane;
                }
            }
        }

        for (var p = 0; p < Positions; p++)
        {
            WindowCorners[p] = ((p / OutWidth * StrideY * PaddedWidth) + (p % OutWidth * StrideX)) * ScatterChannels;
        }
    }

    /// <summary>The input channels rounded up to whole int32 vectors: the lanes of a position on <see cref="ScatterPlane"/>.</summary>
    public int ScatterChannels { get; }

    /// <summary>The active channels' weights for the scatter, [active channel][r][t][channel lane].</summary>
    public int[] ScatterWeights { get; }

    /// <summary>dE/dX's int32 sums on the padded input, [padded y][padded x][channel lane].</summary>
    public int[] ScatterPlane { get; }

    /// <summary>The nonzero errors of the active channels: their windows' corners on the plane and their values.</summary>
    public int[] ScatterCorners { get; }

    /// <summary>See <see cref="ScatterCorners"/>.</summary>
    public int[] ScatterValues { get; }

    /// <summary>Where each active channel's nonzero errors start in <see cref="ScatterCorners"/>, and where the last ends.</summary>
    public int[] ScatterStarts { get; }

    /// <summary>Each input channel's Σ|W| over the active output channels (the scatter's bound).</summary>
    public long[] ChannelBounds { get; }

    /// <summary>For each mask of eight lanes, the lanes set in it in order (then zeros): the permutations that compact them.</summary>
    public byte[] Compaction { get; }

    /// <summary>Each output position's window corner on <see cref="ScatterPlane"/> (as an element offset).</summary>
    public int[] WindowCorners { get; }

    /// <summary>
    /// X as 16-bit values in a zero border of the padding's width (the rows PaddedWidth long, PaddedHeight per
    /// channel), from which every column row is one copy per output row.
    /// </summary>
    public short[] Plane16 { get; }

    /// <summary>The output channels whose errors are not all zero in the current backward pass.</summary>
    public int[] ActiveChannels { get; }

    /// <summary>The largest |error| of each output channel in the current backward pass.</summary>
    public long[] ChannelMagnitudes { get; }

    /// <summary>The input unfolded position-pair-major (im2row of adjacent position pairs), rows RowPairStride long.</summary>
    public int[] RowPairs { get; }

    /// <summary>Taps rounded up to whole chunks of four vectors: the rows of <see cref="RowPairs"/>.</summary>
    public int RowPairStride { get; }

    /// <summary>One channel's int32 weight-gradient sums, RowPairStride long.</summary>
    public int[] ChunkSums { get; }

    /// <summary>The nonzero error pairs of the active channels: their indices, packed values and where each channel's start.</summary>
    public int[] PairIndices { get; }

    /// <summary>See <see cref="PairIndices"/>.</summary>
    public int[] PairValues { get; }

    /// <summary>See <see cref="PairIndices"/>.</summary>
    public int[] PairStarts { get; }

    /// <summary>dE/dX's sums on the input plane with the padding's border, in int32 (slack for whole vectors after it).</summary>
    public int[] PlaneSums32 { get; }

    /// <summary>One tap's row of Σ_o W·G in int32 (slack for whole vectors after it).</summary>
    public int[] TapRow32 { get; }

    /// <summary>dE/dX's sums cropped to the input, in int32.</summary>
    public int[] InputErrors32 { get; }

    /// <summary>The forward pass's exact sums, [output channel][position].</summary>
    public long[] Sums { get; }

    /// <summary>Scratch for the ends of <see cref="Numerics.PairKernels.MultiplyRows"/>' int32 blocks.</summary>
    public int[] BlockEnds { get; }

    /// <summary>Where each tap of the window at the origin reads on <see cref="Plane16"/>.</summary>
    public int[] PlaneOffsets { get; }

    /// <summary>Whether <see cref="Columns16"/> holds the current pass's columns (they are unfolded only where needed).</summary>
    public bool ColumnsUnfolded { get; set; }

    /// <summary>Whether <see cref="Columns"/> holds the widened <see cref="Columns16"/> of the current pass.</summary>
    public bool ColumnsWidened { get; set; }

    /// <summary>Pairs of taps, (C·kh·kw + 1) / 2.</summary>
    public int TapPairs { get; }

    /// <summary>Pairs of output channels.</summary>
    public int ChannelPairs { get; }

    /// <summary>
    /// The columns with taps 2j and 2j + 1 packed into one int32 per position: [tap pair][position] (slack for a
    /// vector past the last row).
    /// </summary>
    public int[] PairedColumns { get; }

    /// <summary>
    /// X unfolded (im2col) as 16-bit values: [tap][position], zero where the window reads padding; the columns past
    /// the last position hold whatever the copies left there (errors there are zero, sums there are not read).
    /// </summary>
    public short[] Columns16 { get; }

    /// <summary>dE/dY as 16-bit values, [output channel][padded position].</summary>
    public short[] Errors16 { get; }

    /// <summary>dE/dY with the active channels packed two by two: [channel pair][position].</summary>
    public int[] PairedErrors { get; }

    /// <summary>W with taps 2j and 2j + 1 packed: [output channel][tap pair].</summary>
    public int[] PairedWeights { get; }

    /// <summary>The weights of the active output channels in pairs, [pair][tap] (see FixedNetwork.PairChannels).</summary>
    public int[] PairedChannelWeights { get; }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public int OutChannels { get; }

    public int OutHeight { get; }

    public int OutWidth { get; }

    public int KernelHeight { get; }

    public int KernelWidth { get; }

    public int StrideY { get; }

    public int StrideX { get; }

    public int PadY { get; }

    public int PadX { get; }

    /// <summary>Output positions, E·F.</summary>
    public int Positions { get; }

    /// <summary>Output positions rounded up to whole 16-bit vectors: the row length of the column matrices.</summary>
    public int PaddedPositions { get; }

    /// <summary>Weights per output channel, C·kh·kw.</summary>
    public int Taps { get; }

    /// <summary><see cref="Columns16"/> widened, for the int32 kernels when 16-bit pairs could overflow.</summary>
    public int[] Columns { get; }

    /// <summary>dE/dY laid out [output channel][padded position], zero in the padding columns.</summary>
    public int[] Errors { get; }

    /// <summary>One row of exact sums.</summary>
    public long[] Row { get; }

    /// <summary>dE/dX summed over the padded input, exact, before it is cropped and narrowed.</summary>
    public long[] PaddedInput { get; }

    /// <summary>dE/dX cropped to the input.</summary>
    public long[] InputErrors { get; }

    /// <summary>W laid out [tap][output channel].</summary>
    public int[] TransposedWeights { get; }

    /// <summary>The largest |x| of the last forward pass's input.</summary>
    public long InputMagnitude { get; set; }

    /// <summary>The padded input's row length (with room for a window past the last column).</summary>
    public int PaddedWidth => Width + (2 * PadX) + KernelWidth;

    /// <summary>The padded input's rows per channel.</summary>
    public int PaddedHeight => Height + (2 * PadY) + KernelHeight;
}
