namespace TaxoNN.Compiler.Semantics;

/// <summary>A tensor shape of one sample: channels x height x width, or a vector (height = width = 1, <see cref="IsVector"/>).</summary>
public readonly record struct Shape(int Channels, int Height, int Width, bool IsVector)
{
    /// <summary>A vector of <paramref name="length"/> elements.</summary>
    public static Shape Vector(int length) => new(length, 1, 1, true);

    /// <summary>A feature map of <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/>.</summary>
    public static Shape Map(int channels, int height, int width) => new(channels, height, width, false);

    /// <summary>The number of elements; shapes are checked so that this fits in 32 bits.</summary>
    public long Elements => (long)Channels * Height * Width;

    /// <inheritdoc/>
    public override string ToString() => IsVector ? $"{Channels}" : $"{Channels} x {Height} x {Width}";
}
