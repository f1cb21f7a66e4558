using System.Collections;
using System.Collections.Immutable;

namespace TaxoNN.Runtime.Serialization;

/// <summary>The weights of a network as a PyTorch state_dict holds them: float32 tensors by name, in order.</summary>
public sealed class WeightSet : IReadOnlyList<WeightTensor>
{
    private readonly ImmutableArray<WeightTensor> tensors;
    private readonly Dictionary<string, WeightTensor> byName;

    /// <summary>Creates a set of <paramref name="tensors"/>, in their order; names must be distinct.</summary>
    public WeightSet(IEnumerable<WeightTensor> tensors)
    {
        this.tensors = [.. tensors];
        byName = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        foreach (var tensor in this.tensors)
        {
            if (!byName.TryAdd(tensor.Name, tensor))
            {
                throw new ArgumentException($"Two tensors are named '{tensor.Name}'.", nameof(tensors));
            }
        }
    }

    /// <summary>The number of tensors.</summary>
    public int Count => tensors.Length;

    /// <summary>The names, in order.</summary>
    public IEnumerable<string> Names => tensors.Select(t => t.Name);

    /// <summary>The tensor at <paramref name="index"/>.</summary>
    public WeightTensor this[int index] => tensors[index];

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    public WeightTensor this[string name] => byName[name];

    /// <summary>Whether the set holds a tensor named <paramref name="name"/>, and which.</summary>
    public bool TryGetValue(string name, out WeightTensor tensor) => byName.TryGetValue(name, out tensor!);

    /// <inheritdoc/>
    public IEnumerator<WeightTensor> GetEnumerator() => ((IEnumerable<WeightTensor>)tensors).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
