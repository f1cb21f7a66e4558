using System.Text;
using TaxoNN.Language.Text;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Benchmarks;

/// <summary>The inputs the parse benchmarks read, by the name the benchmarks' <c>Input</c> parameter gives.</summary>
public static class ParseInput
{
    /// <summary>The generated file of <see cref="LargeTaxoGenerator.DefaultSize"/> characters.</summary>
    public const string Large = "generated-10MiB";

    /// <summary>The bundled LeNet-5 example.</summary>
    public const string LeNet5 = "lenet5-mnist";

    private static readonly Dictionary<string, SourceText> Cache = new(StringComparer.Ordinal);

    /// <summary>The source text of <paramref name="name"/>, made or read once per process.</summary>
    public static SourceText Get(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var source))
            {
                source = name switch
                {
                    Large => new SourceText("generated.taxo", LargeTaxoGenerator.Generate()),
                    LeNet5 => new SourceText("lenet5-mnist.taxo", File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo"))),
                    _ => throw new ArgumentException($"There is no benchmark input '{name}'.", nameof(name)),
                };
                Cache.Add(name, source);
            }

            return source;
        }
    }

    /// <summary>The size of <paramref name="name"/> in bytes of UTF-8, as it would be on disk.</summary>
    public static long Bytes(string name) => Encoding.UTF8.GetByteCount(Get(name).Text);
}
