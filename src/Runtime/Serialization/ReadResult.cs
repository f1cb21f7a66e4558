using System.Collections.Immutable;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Serialization;

/// <summary>What reading a data file gave: the value when the file is valid, otherwise null and the diagnostics that say why.</summary>
public sealed record ReadResult<T>(T? Value, ImmutableArray<Diagnostic> Diagnostics)
    where T : class
{
    /// <summary>Whether the file was read; then <see cref="Value"/> is not null and there are no errors.</summary>
    public bool Succeeded => Value is not null;

    internal static ReadResult<T> Success(T value) => new(value, []);

    internal static ReadResult<T> Failure(IEnumerable<Diagnostic> diagnostics) => new(null, [.. diagnostics]);

    internal static ReadResult<T> Failure(Diagnostic diagnostic) => new(null, [diagnostic]);
}
