using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;
using static TaxoNN.Runtime.Tests.Data.IdxFiles;

namespace TaxoNN.Runtime.Tests.Data;

public sealed class IdxLoaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LoadsBothSplitsPixelForPixel(bool gzip)
    {
        using var folder = new TempFolder();
        WriteSet(folder, train: 3, test: 2, gzip: gzip);

        var result = DataLoader.Load(DatasetKind.Mnist, folder.Path);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("MNIST", result.Name);
        AssertImages(result.Train!, 3, first: 0, labels: [0, 1, 2]);
        AssertImages(result.Test!, 2, first: 1000, labels: [5, 6]);
    }

    [Fact]
    public void PlainAndGzippedFilesMayBeMixed()
    {
        using var folder = new TempFolder();
        WriteSet(folder, train: 2, test: 1);
        folder.Write(TestImages + ".gz", Gzip(Images(1, first: 1000)));
        File.Delete(folder[TestImages]);

        var result = IdxLoader.Load(folder.Path, "Fashion-MNIST", "Install it.");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        AssertImages(result.Test!, 1, first: 1000, labels: [5]);
    }

    [Fact]
    public void GzippedContentIsRecognisedUnderThePlainName()
    {
        using var folder = new TempFolder();
        WriteSet(folder, train: 2, test: 1);
        folder.Write(TrainImages, Gzip(Images(2)));

        var result = DataLoader.Load(DatasetKind.FashionMnist, folder.Path);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("Fashion-MNIST", result.Name);
        AssertImages(result.Train!, 2, first: 0, labels: [0, 1]);
    }

    [Fact]
    public void ProblemsInBothSplitsAreAllReportedInFileOrder()
    {
        using var folder = new TempFolder();
        WriteSet(folder);
        folder.Write(TrainLabels, Labels(0, 1, 12));
        File.Delete(folder[TestImages]);

        var result = DataLoader.Load(DatasetKind.Mnist, folder.Path);

        Assert.Null(result.Train);
        Assert.Null(result.Test);
        Assert.Equal(["TAXO5011", "TAXO5002"], result.Diagnostics.Select(d => d.Code));
        Assert.Equal(folder[TrainLabels], result.Diagnostics[0].Source.Path);
        Assert.Equal(folder[TestImages], result.Diagnostics[1].Source.Path);
    }

    private static void AssertImages(LabeledImages images, int count, int first, byte[] labels)
    {
        Assert.Equal((count, 1, 28, 28), (images.Count, images.Channels, images.Height, images.Width));
        Assert.Equal(count * 784, images.Pixels.Length);
        Assert.Equal(labels, images.Labels);
        for (var n = 0; n < count; n++)
        {
            var image = images.Image(n);
            for (var r = 0; r < 28; r++)
            {
                for (var c = 0; c < 28; c++)
                {
                    Assert.Equal(Pixel(first + n, r, c), image[(r * 28) + c]);
                }
            }
        }
    }
}
