using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Serialization;

/// <summary>One named tensor of fixed-point weights: the raw integers (value = integer x 2^-fraction) with their format and shape.</summary>
public sealed class FixedTensor
{
    /// <summary>Creates a tensor; every value must fit <paramref name="format"/>, whose word is 2 to 32 bits.</summary>
    public FixedTensor(string name, ImmutableArray<int> shape, FixedFormat format, ImmutableArray<int> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(format.WordBits, 2, nameof(format));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(format.WordBits, 32, nameof(format));
        long count = 1;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            count *= dimension;
        }

        if (count != values.Length)
        {
            throw new ArgumentException($"'{name}' has shape {NpyFormat.ShapeText(shape)} ({count} elements) but {values.Length} values.", nameof(values));
        }

        var index = IndexOutside(values.AsSpan(), format);
        if (index >= 0)
        {
            throw new ArgumentException($"'{name}' holds {values[index]} at {index}, outside {format}.", nameof(values));
        }

        Name = name;
        Shape = shape;
        Format = format;
        Values = values;
    }

    /// <summary>The state_dict name, as in "c1.weight".</summary>
    public string Name { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The format of every element.</summary>
    public FixedFormat Format { get; }

    /// <summary>The raw two's-complement integers in C order.</summary>
    public ImmutableArray<int> Values { get; }

    /// <summary>The index of the first value outside <paramref name="format"/>'s range, or -1.</summary>
    internal static int IndexOutside(ReadOnlySpan<int> values, FixedFormat format)
    {
        var min = -(1L << (format.WordBits - 1));
        var max = (1L << (format.WordBits - 1)) - 1;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] < min || values[i] > max)
            {
                return i;
            }
        }

        return -1;
    }
}
