using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;

namespace TaxoNN.Runtime.Tests.Data;

public sealed class Cifar10LoaderTests
{
    [Theory]
    [InlineData("cifar-10-batches-bin", "")]
    [InlineData("cifar-10-batches-bin", "cifar-10-batches-bin")]
    [InlineData("", "")]
    public void LoadsTheFiveBatchesInOrderAndTheTestBatch(string written, string given)
    {
        using var folder = new TempFolder();
        CifarFiles.WriteSet(folder, written);

        var result = DataLoader.Load(DatasetKind.Cifar10, Path.Combine(folder.Path, given));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var train = result.Train!;
        Assert.Equal((10, 3, 32, 32), (train.Count, train.Channels, train.Height, train.Width));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (byte)i), train.Labels);
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], train.LabelHistogram());
        Assert.Equal([9, 0, 4], result.Test!.Labels);
        AssertPixels(train, 0);
        AssertPixels(result.Test, 100);
    }

    private static void AssertPixels(LabeledImages images, int first)
    {
        for (var n = 0; n < images.Count; n++)
        {
            var image = images.Image(n);
            for (var ch = 0; ch < 3; ch++)
            {
                for (var r = 0; r < 32; r++)
                {
                    for (var c = 0; c < 32; c++)
                    {
                        Assert.Equal(CifarFiles.Pixel(first + n, ch, r, c), image[(ch * 1024) + (r * 32) + c]);
                    }
                }
            }
        }
    }
}
