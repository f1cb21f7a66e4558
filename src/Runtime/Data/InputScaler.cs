using System.Runtime.CompilerServices;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Data;

/// <summary>
/// Scales pixels to network inputs, (x / divisor - mean[c]) / std[c] for channel c, in float32 with the same two
/// roundings PyTorch makes (ToTensor's division, then Normalize), so inputs match a PyTorch pipeline bit for bit. A byte
/// has 256 values, so every result is computed once, into a table per channel, and scaling an image is a lookup.
/// </summary>
public sealed class InputScaler
{
    private readonly float[] table;

    /// <summary>A scaler with one mean and standard deviation per channel.</summary>
    public InputScaler(double divisor, IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (!double.IsFinite(divisor) || divisor == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(divisor), divisor, "The divisor must be finite and not zero.");
        }

        if (mean.Count == 0 || mean.Count != std.Count)
        {
            throw new ArgumentException($"Give one mean and one standard deviation per channel, not {mean.Count} and {std.Count}.", nameof(std));
        }

        Channels = mean.Count;
        table = new float[Channels * 256];
        for (var c = 0; c < Channels; c++)
        {
            if (!double.IsFinite(std[c]) || std[c] == 0 || !double.IsFinite(mean[c]))
            {
                throw new ArgumentOutOfRangeException(nameof(std), std[c], "Each mean must be finite and each standard deviation finite and not zero.");
            }

            var m = (float)mean[c];
            var s = (float)std[c];
            var d = (float)divisor;
            for (var x = 0; x < 256; x++)
            {
                table[(c * 256) + x] = ((x / d) - m) / s;
            }
        }
    }

    /// <summary>The number of channels the scaler has a mean and deviation for.</summary>
    public int Channels { get; }

    /// <summary>A scaler for a set-up's data: its divisor and per-channel mean and deviation.</summary>
    public static InputScaler For(DataSpec data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new InputScaler(data.Divisor, data.Mean, data.Std);
    }

    /// <summary>The input that pixel value <paramref name="value"/> of channel <paramref name="channel"/> becomes.</summary>
    public float Scale(int channel, byte value) => table[(channel * 256) + value];

    /// <summary>Scales one image, C x H x W, into <paramref name="output"/> of the same length; allocates nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Scale(ReadOnlySpan<byte> image, Span<float> output)
    {
        if (image.Length % Channels != 0)
        {
            throw new ArgumentException($"An image of {image.Length} bytes does not split into {Channels} channel planes.", nameof(image));
        }

        if (output.Length != image.Length)
        {
            throw new ArgumentException($"The output holds {output.Length} values, but the image has {image.Length}.", nameof(output));
        }

        var plane = image.Length / Channels;
        for (var c = 0; c < Channels; c++)
        {
            var lookup = table.AsSpan(c * 256, 256);
            var source = image.Slice(c * plane, plane);
            var target = output.Slice(c * plane, plane);
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = lookup[source[i]];
            }
        }
    }

    /// <summary>Scales image <paramref name="index"/> of <paramref name="images"/> into <paramref name="output"/>.</summary>
    public void Scale(LabeledImages images, int index, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Channels != Channels)
        {
            throw new ArgumentException($"The images have {images.Channels} channels, the scaler {Channels}.", nameof(images));
        }

        Scale(images.Image(index), output);
    }
}
