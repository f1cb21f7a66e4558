using System.Buffers.Binary;
using System.IO.Compression;

namespace TaxoNN.Runtime.Tests.Data;

/// <summary>Writes IDX files byte by byte: a big-endian magic number, one 32-bit size per dimension, then the bytes.</summary>
internal static class IdxFiles
{
    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>The pixel every test image has at (image, row, column), distinct enough to catch any reordering.</summary>
    public static byte Pixel(int image, int row, int column) => (byte)((image * 31) + (row * 7) + column);

    public static byte[] Header(uint magic, params uint[] sizes)
    {
        var header = new byte[4 + (4 * sizes.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(header, magic);
        for (var i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + (4 * i)), sizes[i]);
        }

        return header;
    }

    public static byte[] Images(int count, int rows = 28, int columns = 28, int first = 0)
    {
        var bytes = new List<byte>(Header(0x00000803, (uint)count, (uint)rows, (uint)columns));
        for (var n = 0; n < count; n++)
        {
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    bytes.Add(Pixel(first + n, r, c));
                }
            }
        }

        return [.. bytes];
    }

    public static byte[] Labels(params byte[] labels) => [.. Header(0x00000801, (uint)labels.Length), .. labels];

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>Writes a sound data set of <paramref name="train"/> and <paramref name="test"/> images, labels n % 10.</summary>
    public static void WriteSet(TempFolder folder, int train = 3, int test = 2, bool gzip = false)
    {
        string Name(string name) => gzip ? name + ".gz" : name;
        byte[] Content(byte[] bytes) => gzip ? Gzip(bytes) : bytes;
        folder.Write(Name(TrainImages), Content(Images(train)));
        folder.Write(Name(TrainLabels), Content(Labels(Enumerable.Range(0, train).Select(n => (byte)(n % 10)).ToArray())));
        folder.Write(Name(TestImages), Content(Images(test, first: 1000)));
        folder.Write(Name(TestLabels), Content(Labels(Enumerable.Range(0, test).Select(n => (byte)((n + 5) % 10)).ToArray())));
    }
}
