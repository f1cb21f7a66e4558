using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// The R x C grid of simulated PEs and its networks: filter rows multicast horizontally along a PE row, ifmap rows
/// multicast along diagonals, partial sums passed up each column (the only PE-to-PE traffic, counted as inter-PE).
/// </summary>
internal sealed class PeArray
{
    private readonly ProcessingElement[] pes;

    public PeArray(AcceleratorSymbol accelerator, PeKind kind)
    {
        Rows = accelerator.Rows;
        Columns = accelerator.Columns;
        pes = new ProcessingElement[Rows * Columns];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                pes[(r * Columns) + c] = new ProcessingElement(r, c, accelerator, kind);
            }
        }
    }

    public int Rows { get; }

    public int Columns { get; }

    public int Count => pes.Length;

    public ProcessingElement this[int row, int column] => pes[(row * Columns) + column];

    /// <summary>The PE that takes element <paramref name="index"/> of element-wise work (row-major order).</summary>
    public ProcessingElement At(int index) => pes[index];
}
