namespace TaxoNN.SourceGen.Models;

/// <summary>Makes equatable arrays from sequences.</summary>
public static class EquatableArrayExtensions
{
    /// <summary>The elements of <paramref name="items"/>, copied into an equatable array.</summary>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new([.. items]);
}
