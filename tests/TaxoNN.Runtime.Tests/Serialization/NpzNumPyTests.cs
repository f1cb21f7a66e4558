using System.Globalization;
using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Runtime.Tests.Serialization;

/// <summary>Archives written here are read by NumPy and the other way round, byte for byte.</summary>
public sealed class NpzNumPyTests
{
    // Prints, per array, its name, type string, shape and bytes, plus how each entry is compressed (0: stored).
    private const string Describe = """
        import sys, zipfile, numpy
        with numpy.load(sys.argv[1]) as archive:
            for name in archive.files:
                a = archive[name]
                print(name, a.dtype.str, list(a.shape), a.tobytes().hex())
        for info in zipfile.ZipFile(sys.argv[1]).infolist():
            print('method', info.filename, info.compress_type)
        """;

    private const string WriteEveryType = """
        import sys, numpy
        arrays = {
            'u1': numpy.arange(250, 256, dtype=numpy.uint8).reshape(2, 3),
            'i1': numpy.array([-128, 0, 127], dtype=numpy.int8),
            'i2': numpy.array([[-32768], [32767]], dtype='<i2'),
            'i4': numpy.array(-7, dtype='<i4'),
            'i8': numpy.arange(-3, 3, dtype='<i8').reshape(1, 2, 3),
            'f4': numpy.array([1.5, -0.0, numpy.inf, 1e-40], dtype='<f4'),
            'f8': numpy.array([numpy.pi], dtype='<f8'),
            'empty': numpy.zeros((2, 0, 3), dtype='<f4'),
            'c1.weight': numpy.linspace(-1, 1, 150, dtype='<f4').reshape(6, 1, 5, 5),
        }
        save = numpy.savez_compressed if sys.argv[2] == 'compressed' else numpy.savez
        save(sys.argv[1], **arrays)
        """;

    [Fact]
    public void NumPyReadsWhatWeWriteByteForByteAndUncompressed()
    {
        using var folder = new TempFolder();
        var arrays = new KeyValuePair<string, NpyArray>[]
        {
            new("u1", NpyArray.Create<byte>([0, 1, 255], [3])),
            new("i1", NpyArray.Create<sbyte>([-128, 127], [2, 1])),
            new("i2", NpyArray.Create<short>([-32768, 7, 32767, 0], [2, 2])),
            new("i4", NpyArray.Scalar(-123456)),
            new("i8", NpyArray.Create<long>([long.MinValue, long.MaxValue], [2])),
            new("f4", NpyArray.Create<float>([1.5f, float.NegativeInfinity, float.Epsilon, -0f, 3, 4], [1, 2, 3])),
            new("f8", NpyArray.Create<double>([Math.E], [1, 1])),
            new("empty", NpyArray.Create<float>([], [0])),
            new("empty3", NpyArray.Create<int>([], [3, 0, 2])),
            new("scalar.f8", NpyArray.Scalar(-2.25)),
            new("c1.weight", NpyArray.Create<float>(Enumerable.Range(0, 150).Select(i => i * 0.01f).ToArray(), [6, 1, 5, 5])),
        };
        var path = folder["ours.npz"];

        Assert.Empty(new NpzArchive(arrays).Write(path));
        var lines = NumPy.Run(Describe, path).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(arrays.Select(pair => Line(pair.Key, pair.Value)), lines.Where(l => !l.StartsWith("method ", StringComparison.Ordinal)));
        Assert.Equal(arrays.Select(pair => $"method {pair.Key}.npy 0"), lines.Where(l => l.StartsWith("method ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("compressed")]
    public void WeReadWhatNumPyWritesByteForByte(string mode)
    {
        using var folder = new TempFolder();
        var path = folder["numpy.npz"];
        NumPy.Run(WriteEveryType, path, mode);
        var expected = NumPy.Run(Describe, path).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("method ", StringComparison.Ordinal));

        var result = NpzArchive.Read(path);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(expected, result.Value!.Arrays.Select(pair => Line(pair.Key, pair.Value)));
        Assert.Equal(new[] { 6, 1, 5, 5 }, result.Value["c1.weight"].Shape.ToArray());
        Assert.Equal(-1f, result.Value["c1.weight"].ToArray<float>()[0]);
        Assert.Equal(-7, Assert.Single(result.Value["i4"].ToArray<int>()));
        Assert.Empty(result.Value["i4"].Shape);
    }

    [Fact]
    public void AFortranOrderArrayFromNumPyIsTaxo5055()
    {
        using var folder = new TempFolder();
        var path = folder["fortran.npz"];
        NumPy.Run("import sys, numpy; numpy.savez(sys.argv[1], w=numpy.asfortranarray(numpy.ones((2, 3), 'f4')))", path);

        var result = NpzArchive.Read(path);

        Assert.Null(result.Value);
        Assert.Equal("TAXO5055", Assert.Single(result.Diagnostics).Code);
        Assert.Contains("'w'", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABigEndianOrComplexArrayFromNumPyIsTaxo5056()
    {
        using var folder = new TempFolder();
        var path = folder["types.npz"];
        NumPy.Run("import sys, numpy; numpy.savez(sys.argv[1], big=numpy.ones(2, '>f4'), complex=numpy.ones(2, 'c8'))", path);

        var result = NpzArchive.Read(path);

        Assert.Equal(["TAXO5056", "TAXO5056"], result.Diagnostics.Select(d => d.Code));
        Assert.Contains("'>f4'", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("'<c8'", result.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    private static string Line(string name, NpyArray array) =>
        $"{name} {Descr(array.DataType)} [{string.Join(", ", array.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}] {Convert.ToHexStringLower(array.Bytes)}";

    private static string Descr(NpyDataType type) => type switch
    {
        NpyDataType.UInt8 => "|u1",
        NpyDataType.Int8 => "|i1",
        NpyDataType.Int16 => "<i2",
        NpyDataType.Int32 => "<i4",
        NpyDataType.Int64 => "<i8",
        NpyDataType.Float32 => "<f4",
        _ => "<f8",
    };
}
