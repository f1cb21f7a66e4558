using TaxoNN.Runtime.Data;

namespace TaxoNN.Runtime.Tests.Data;

public sealed class LabeledImagesTests
{
    private static readonly LabeledImages Three = new(3, 2, 1, 2, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [4, 4, 9]);

    [Fact]
    public void ImagesAreConsecutiveSlicesOfChannelsTimesRowsTimesColumns()
    {
        Assert.Equal(4, Three.ImageSize);
        Assert.Equal([5, 6, 7, 8], Three.Image(1).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => Three.Image(3).Length);
    }

    [Fact]
    public void TheHistogramCountsEachClass()
    {
        Assert.Equal([0, 0, 0, 0, 2, 0, 0, 0, 0, 1], Three.LabelHistogram());
    }

    [Fact]
    public void TakeCopiesTheFirstImages()
    {
        var two = Three.Take(2);

        Assert.Equal(2, two.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], two.Pixels);
        Assert.Equal([4, 4], two.Labels);
        Assert.NotSame(Three.Pixels, two.Pixels);
        Assert.Equal(3, Three.Take(10).Count);
    }

    [Fact]
    public void PixelsAndLabelsMustFitTheShape()
    {
        Assert.Throws<ArgumentException>(() => new LabeledImages(2, 1, 2, 2, new byte[7], new byte[2]));
        Assert.Throws<ArgumentException>(() => new LabeledImages(2, 1, 2, 2, new byte[8], new byte[3]));
    }
}
