using System.Collections;
using System.Collections.Immutable;

namespace TaxoNN.SourceGen.Models;

/// <summary>
/// An immutable array compared by its elements, so that the generator's pipeline can tell an unchanged model from a
/// changed one (ImmutableArray compares by reference).
/// </summary>
/// <typeparam name="T">The element type, itself compared by value.</typeparam>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[]? items;

    /// <summary>Wraps <paramref name="items"/>, which the caller no longer changes.</summary>
    public EquatableArray(T[] items)
    {
        this.items = items;
    }

    /// <summary>An array without elements.</summary>
    public static EquatableArray<T> Empty => new([]);

    /// <inheritdoc/>
    public int Count => items?.Length ?? 0;

    /// <inheritdoc/>
    public T this[int index] => (items ?? [])[index];

    /// <summary>Wraps a copy of <paramref name="items"/>.</summary>
    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items.IsDefault ? [] : [.. items]);

    /// <summary>Whether the arrays hold equal elements in the same order.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Whether the arrays differ in an element or in length.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(EquatableArray<T> other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var item in AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>The elements.</summary>
    public ReadOnlySpan<T> AsSpan() => items;

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(items ?? [])).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
