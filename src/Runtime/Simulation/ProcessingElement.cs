using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// One simulated PE: its register file (filter, ifmap and psum spads of the accelerator's sizes), the cycle up to which
/// it has work, and the units of its datapath. The MAC unit multiplies two words into an exact 64-bit partial sum
/// (the compiler proved every op's sums fit the accumulator, TAXO2104), so nothing wraps; narrowing happens once, at
/// the psum exit.
/// </summary>
internal sealed class ProcessingElement
{
    public ProcessingElement(int row, int column, AcceleratorSymbol accelerator, PeKind kind)
    {
        Row = row;
        Column = column;
        Kind = kind;
        FilterSpad = new int[Math.Max(0, accelerator.FilterSpadWords)];
        PsumSpad = new long[Math.Max(0, accelerator.PsumSpadWords)];
        IfmapSpadWords = accelerator.IfmapSpadWords;
    }

    public int Row { get; }

    public int Column { get; }

    public PeKind Kind { get; }

    /// <summary>The filter spad: the stationary filter rows of the current pass.</summary>
    public int[] FilterSpad { get; }

    /// <summary>The psum spad: the running partial sums of the output being computed.</summary>
    public long[] PsumSpad { get; }

    /// <summary>
    /// The ifmap spad's size. It holds a sliding window of each channel's ifmap row; the window's words are the
    /// delivered row's, so the MAC reads them where the row was delivered (the spad is a view of it, checked for size).
    /// </summary>
    public int IfmapSpadWords { get; }

    /// <summary>Whether the PE's datapath has the training extensions an op of <paramref name="route"/> needs.</summary>
    public bool CanRun(OperandRoute route) => route == OperandRoute.Forward || Kind == PeKind.Training;
}
