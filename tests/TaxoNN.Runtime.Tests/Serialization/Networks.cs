using TaxoNN.Compiler;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.Serialization;

/// <summary>Bound networks and set-ups for the tests: the LeNet-5 example and small ones compiled from memory.</summary>
internal static class Networks
{
    private static readonly Lazy<TrainingSymbol> LeNet = new(() =>
    {
        var compilation = Compilation.Create([Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")]);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return Assert.Single(compilation.Model.Trainings);
    });

    /// <summary>The LeNet5Mnist set-up of the examples.</summary>
    public static TrainingSymbol LeNet5Training => LeNet.Value;

    /// <summary>LeNet-5 of the examples.</summary>
    public static NetworkSymbol LeNet5 => LeNet.Value.Network;

    /// <summary>A small set-up on MNIST and the Eyeriss example: <paramref name="layers"/> make the network, <paramref name="precision"/> its precision block.</summary>
    public static TrainingSymbol Small(string layers, string precision = "default fixed(16, 12) nearest_even")
    {
        var text = $$"""
            import "eyeriss.taxo"
            network N {
              input 1 x 28 x 28
            {{layers}}
              loss softmax_cross_entropy
            }
            training T {
              network N
              accelerator Eyeriss
              data mnist { path "data" }
              learning_rate 0.01
              precision {
                {{precision}}
              }
            }
            """;
        var files = new Dictionary<string, string>
        {
            ["main.taxo"] = text,
            ["eyeriss.taxo"] = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "eyeriss.taxo")),
        };
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(files));
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return Assert.Single(compilation.Model.Trainings);
    }
}
