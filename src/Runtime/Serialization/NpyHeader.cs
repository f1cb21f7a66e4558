using System.Collections.Immutable;

namespace TaxoNN.Runtime.Serialization;

/// <summary>What a .npy header says: the element type and the shape, with the element count it implies.</summary>
internal sealed record NpyHeader(NpyDataType DataType, ImmutableArray<int> Shape, long ElementCount)
{
    /// <summary>The header in words for messages, as in <c>'&lt;f4', shape [2, 3]</c>.</summary>
    public string Describe() => $"'{NpyFormat.Descr(DataType)}', shape {NpyFormat.ShapeText(Shape)}";
}
