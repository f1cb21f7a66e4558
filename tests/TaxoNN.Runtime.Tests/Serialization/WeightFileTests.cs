using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Runtime.Tests.Serialization;

public sealed class WeightFileTests
{
    [Fact]
    public void LeNet5HasPyTorchsStateDictNamesAndLayouts()
    {
        var specs = WeightLayout.Of(Networks.LeNet5);

        Assert.Equal(
            [
                "c1.weight [6, 1, 5, 5] [out, in, kh, kw]", "c1.bias [6] [out]",
                "c3.weight [16, 6, 5, 5] [out, in, kh, kw]", "c3.bias [16] [out]",
                "f5.weight [120, 400] [out, in]", "f5.bias [120] [out]",
                "f6.weight [84, 120] [out, in]", "f6.bias [84] [out]",
                "f7.weight [10, 84] [out, in]", "f7.bias [10] [out]",
            ],
            specs.Select(s => $"{s.Name} [{string.Join(", ", s.Shape)}] {s.Layout}"));
    }

    [Fact]
    public void ALayerWithoutBiasHasNoBiasTensor()
    {
        var network = Networks.Small("  flat: flatten\n  f2: dense(units: 10, bias: off)").Network;

        Assert.Equal(["f2.weight"], WeightLayout.Of(network).Select(s => s.Name));
    }

    [Fact]
    public void WeightsRoundTrip()
    {
        using var folder = new TempFolder();
        var weights = Checkpoints.Weights(Networks.LeNet5);

        Assert.Empty(WeightFile.Write(folder["w.npz"], weights));
        var read = WeightFile.Read(folder["w.npz"], Networks.LeNet5);

        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
        Assert.Equal(weights.Names, read.Value!.Names);
        Assert.All(weights.Zip(read.Value), pair => Assert.Equal(pair.First.Values.ToArray(), pair.Second.Values.ToArray()));
        Assert.Equal(["w.npz"], folder.Files);
    }

    [Fact]
    public void AStateDictSavedByNumPyInAnyOrderIsRead()
    {
        using var folder = new TempFolder();
        var script = """
            import sys, numpy
            shapes = {'f7.bias': (10,), 'f7.weight': (10, 84), 'f6.bias': (84,), 'f6.weight': (84, 120), 'f5.bias': (120,),
                      'f5.weight': (120, 400), 'c3.bias': (16,), 'c3.weight': (16, 6, 5, 5), 'c1.bias': (6,), 'c1.weight': (6, 1, 5, 5)}
            state = {k: (numpy.arange(numpy.prod(s), dtype='<f4') / 1000).reshape(s) for k, s in shapes.items()}
            numpy.savez(sys.argv[1], **state)
            """;
        NumPy.Run(script, folder["torch.npz"]);

        var read = WeightFile.Read(folder["torch.npz"], Networks.LeNet5);

        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
        Assert.Equal(WeightLayout.Of(Networks.LeNet5).Select(s => s.Name), read.Value!.Names);
        Assert.Equal(0.401f, read.Value["f5.weight"].Values[401]);
        Assert.Equal(new[] { 16, 6, 5, 5 }, read.Value["c3.weight"].Shape.ToArray());
    }
}
