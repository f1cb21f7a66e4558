using System.Buffers.Binary;
using System.IO.Compression;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Sweeps.Tests;

/// <summary>
/// A temporary folder with the first samples of the bundled MNIST subset under 'data' and .taxo files written into it;
/// deleted on dispose.
/// </summary>
public sealed class Workspace : IDisposable
{
    /// <summary>A small set-up (a 2-filter convolution and a dense layer) that trains in a moment.</summary>
    public const string Setup = """
        accelerator A {
          pe_array 4 x 4
          global_buffer 16 KiB
          clock 100 MHz
        }

        network N {
          input 1 x 28 x 28
          c1: conv2d(filters: 2, kernel: 5)
          r1: relu
          s2: maxpool(kernel: 2)
          flat: flatten
          f3: dense(units: 10)
          loss softmax_cross_entropy
        }

        training T {
          network N
          accelerator A
          data mnist { path "data" }
          learning_rate 0.01
          epochs 100
          seed 7
          precision {
            default fixed(16, 12) nearest_even
            error fixed(16, 15) nearest_even
            weight_gradient fixed(16, 14) nearest_even
            update fixed(16, 15) stochastic
          }
        }

        """;

    public Workspace(int train = 300, int test = 200)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "taxonn-sweep-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        var data = System.IO.Path.Combine(Path, "data");
        Directory.CreateDirectory(data);
        WriteFirst(data, "train-images-idx3-ubyte", 16, 28 * 28, train);
        WriteFirst(data, "train-labels-idx1-ubyte", 8, 1, train);
        WriteFirst(data, "t10k-images-idx3-ubyte", 16, 28 * 28, test);
        WriteFirst(data, "t10k-labels-idx1-ubyte", 8, 1, test);
    }

    public string Path { get; }

    /// <summary>A file with <see cref="Setup"/> and a sweep of it with these settings and axes.</summary>
    public string WriteSweep(string name, string settings, string axes) =>
        Write(name, Setup + $"sweep S {{\n  training T\n{settings}\n  axes {{\n{axes}\n  }}\n}}\n");

    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string Folder(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private static void WriteFirst(string folder, string name, int header, int itemSize, int count)
    {
        using var gzip = new GZipStream(File.OpenRead(System.IO.Path.Combine(RepositoryPaths.Examples, "data", "mnist", name + ".gz")), CompressionMode.Decompress);
        var bytes = new byte[header + (count * itemSize)];
        gzip.ReadExactly(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        File.WriteAllBytes(System.IO.Path.Combine(folder, name), bytes);
    }
}
