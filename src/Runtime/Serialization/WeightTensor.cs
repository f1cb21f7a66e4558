using System.Collections.Immutable;

namespace TaxoNN.Runtime.Serialization;

/// <summary>One named float32 tensor of a <see cref="WeightSet"/>, with its shape (C order, PyTorch's layout).</summary>
public sealed class WeightTensor
{
    /// <summary>Creates a tensor; <paramref name="values"/> must hold as many elements as <paramref name="shape"/> says.</summary>
    public WeightTensor(string name, ImmutableArray<int> shape, ImmutableArray<float> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
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

        Name = name;
        Shape = shape;
        Values = values;
    }

    /// <summary>The state_dict name, as in "c1.weight".</summary>
    public string Name { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The elements in C order.</summary>
    public ImmutableArray<float> Values { get; }
}
