namespace TaxoNN.Runtime.Data;

/// <summary>Images with one class label each; pixels lie N x C x H x W, the order PyTorch holds a batch in.</summary>
public sealed class LabeledImages
{
    /// <summary>The number of classes every loader's labels fall in (0..9).</summary>
    public const int ClassCount = 10;

    /// <summary>Wraps <paramref name="pixels"/> and <paramref name="labels"/> without copying them.</summary>
    public LabeledImages(int count, int channels, int height, int width, byte[] pixels, byte[] labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if ((long)count * channels * height * width != pixels.Length)
        {
            throw new ArgumentException($"{count} images of {channels} x {height} x {width} need {(long)count * channels * height * width} pixels, not {pixels.Length}.", nameof(pixels));
        }

        if (labels.Length != count)
        {
            throw new ArgumentException($"{count} images need {count} labels, not {labels.Length}.", nameof(labels));
        }

        Count = count;
        Channels = channels;
        Height = height;
        Width = width;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>Channels per image: 1 for MNIST, 3 (red, green, blue) for CIFAR-10 and SVHN.</summary>
    public int Channels { get; }

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Columns per image.</summary>
    public int Width { get; }

    /// <summary>Bytes per image: channels x height x width.</summary>
    public int ImageSize => Channels * Height * Width;

    /// <summary>All pixels, image after image, each as its channel planes in turn, each plane row after row.</summary>
    public byte[] Pixels { get; }

    /// <summary>One label per image, each in 0..9.</summary>
    public byte[] Labels { get; }

    /// <summary>The pixels of image <paramref name="index"/>, C x H x W.</summary>
    public ReadOnlySpan<byte> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.AsSpan(index * ImageSize, ImageSize);
    }

    /// <summary>How many images each class has, indexed by label.</summary>
    public int[] LabelHistogram()
    {
        var counts = new int[ClassCount];
        foreach (var label in Labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>The first <paramref name="count"/> images (all of them when there are fewer), copied.</summary>
    public LabeledImages Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        count = Math.Min(count, Count);
        return new LabeledImages(count, Channels, Height, Width, Pixels.AsSpan(0, count * ImageSize).ToArray(), Labels.AsSpan(0, count).ToArray());
    }
}
