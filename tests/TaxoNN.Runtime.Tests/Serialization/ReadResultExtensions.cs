using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Runtime.Tests.Serialization;

internal static class ReadResultExtensions
{
    public static Outcome Outcome<T>(this ReadResult<T> result)
        where T : class => new(result.Value, result.Diagnostics);
}
