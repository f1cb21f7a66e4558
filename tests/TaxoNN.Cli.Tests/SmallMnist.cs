using System.Buffers.Binary;
using System.IO.Compression;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Cli.Tests;

/// <summary>
/// The first samples of the bundled MNIST subset's two splits, written under their standard names into a folder, so
/// that a test trains several epochs and evaluates after each in a moment.
/// </summary>
internal static class SmallMnist
{
    public static readonly string LeNet = Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo");

    private static readonly string Bundled = Path.Combine(RepositoryPaths.Examples, "data", "mnist");

    /// <summary>Writes <paramref name="train"/> training and <paramref name="test"/> test samples into <paramref name="folder"/>.</summary>
    public static string Write(string folder, int train, int test)
    {
        Directory.CreateDirectory(folder);
        WriteFirst(folder, "train-images-idx3-ubyte", 16, 28 * 28, train);
        WriteFirst(folder, "train-labels-idx1-ubyte", 8, 1, train);
        WriteFirst(folder, "t10k-images-idx3-ubyte", 16, 28 * 28, test);
        WriteFirst(folder, "t10k-labels-idx1-ubyte", 8, 1, test);
        return folder;
    }

    // The header with the count changed, then the first items, plain (the loader reads .gz and plain files alike).
    private static void WriteFirst(string folder, string name, int header, int itemSize, int count)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Bundled, name + ".gz")), CompressionMode.Decompress);
        var bytes = new byte[header + (count * itemSize)];
        gzip.ReadExactly(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }
}
