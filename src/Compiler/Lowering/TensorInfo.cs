using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Compiler.Lowering;

/// <summary>A tensor of one training step: its name (<c>c1.out</c>, <c>c1.W</c>, ...), role, element count and format.</summary>
public sealed record TensorInfo(string Name, TensorRole Role, long Elements, FixedFormat Format)
{
    /// <summary>Bytes the tensor takes in a buffer, packed at its format's word width.</summary>
    public long Bytes => (Elements * Format.WordBits + 7) / 8;
}
