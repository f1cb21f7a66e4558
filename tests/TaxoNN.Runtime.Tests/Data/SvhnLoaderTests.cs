using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;
using M = TaxoNN.Runtime.Tests.Data.MatFileWriter;

namespace TaxoNN.Runtime.Tests.Data;

public sealed class SvhnLoaderTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void LoadsXAndYInPyTorchOrderWithTenAsZero(bool compress, bool bigEndian)
    {
        using var folder = new TempFolder();
        folder.Write("train_32x32.mat", new M(bigEndian).Svhn([10, 1, 2, 9], compress).ToArray());
        folder.Write("test_32x32.mat", new M(bigEndian).Svhn([5], compress).ToArray());

        var result = DataLoader.Load(DatasetKind.Svhn, folder.Path);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("SVHN", result.Name);
        var train = result.Train!;
        Assert.Equal((4, 3, 32, 32), (train.Count, train.Channels, train.Height, train.Width));
        Assert.Equal([0, 1, 2, 9], train.Labels);
        Assert.Equal([5], result.Test!.Labels);
        AssertPixels(train);
        AssertPixels(result.Test);
    }

    [Fact]
    public void ReadsLabelsStoredNarrowerThanTheirClassAndAsARow()
    {
        // MATLAB stores a double array in the smallest type that holds its values: here uint8, in the small element form.
        using var folder = new TempFolder();
        var w = new M();
        var path = folder.Write("train_32x32.mat", w
            .Variable("X", M.UInt8Class, [32, 32, 3, 3], M.MiUInt8, M.SvhnImages(3))
            .Variable("y", M.DoubleClass, [1, 3], M.MiUInt8, [3, 10, 7])
            .ToArray());
        var diagnostics = new List<Language.Diagnostics.Diagnostic>();

        var images = SvhnLoader.LoadFile(path, diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal([3, 0, 7], images!.Labels);
    }

    [Fact]
    public void AFileOfOneImageMayDropTheTrailingDimension()
    {
        using var folder = new TempFolder();
        var w = new M();
        var path = folder.Write("test_32x32.mat", w
            .Variable("X", M.UInt8Class, [32, 32, 3], M.MiUInt8, M.SvhnImages(1))
            .Variable("y", M.DoubleClass, [1, 1], M.MiDouble, w.Values(M.MiDouble, 4))
            .ToArray());
        var diagnostics = new List<Language.Diagnostics.Diagnostic>();

        var images = SvhnLoader.LoadFile(path, diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(1, images!.Count);
        AssertPixels(images);
    }

    [Fact]
    public void VariablesAndElementsItDoesNotNeedAreSkipped()
    {
        using var folder = new TempFolder();
        var w = new M();
        byte[] cell =
        [
            .. w.Element(M.MiUInt32, [.. w.U32(M.CellClass), .. w.U32(0)]),
            .. w.Element(M.MiInt32, [.. w.U32(1), .. w.U32(1)]),
            .. w.Element(M.MiInt8, "notes"u8.ToArray()),
            .. w.Matrix(string.Empty, M.DoubleClass, [1, 1], M.MiDouble, w.Values(M.MiDouble, 2.5)),
        ];
        var path = folder.Write("train_32x32.mat", w
            .Variable("description", M.CharClass, [1, 5], M.MiUInt8, "hello"u8.ToArray())
            .Add(w.Element(M.MiMatrix, cell, small: false))
            .Add(w.Element(16, "utf-8 text, a type the reader does not know"u8.ToArray()))
            .Variable("big", M.DoubleClass, [100, 100], M.MiDouble, new byte[80_000], compress: true)
            .Svhn([1, 2], compress: true)
            .ToArray());
        var diagnostics = new List<Language.Diagnostics.Diagnostic>();

        var mat = MatFileReader.Read(path, ["X", "y"], diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(["description", "notes", "big", "X", "y"], mat!.Names);
        Assert.Equal(["X", "y"], mat.Arrays.Keys.Order());
        Assert.Equal([32, 32, 3, 2], mat.Arrays["X"].Dimensions);
        Assert.Equal(2.0, mat.Arrays["y"].Value(1));
    }

    [Fact]
    public void ValuesOfEveryStoredWidthConvertInBothByteOrders()
    {
        foreach (var bigEndian in new[] { false, true })
        {
            var w = new M(bigEndian);
            var doubles = new MatArray("d", M.DoubleClass, [2, 1], M.MiDouble, w.Values(M.MiDouble, -1.25, 1e300), bigEndian);
            var ints = new MatArray("i", 12, [2, 1], M.MiInt32, w.Values(M.MiInt32, -7, int.MaxValue), bigEndian);

            Assert.Equal([-1.25, 1e300], [doubles.Value(0), doubles.Value(1)]);
            Assert.Equal([-7.0, int.MaxValue], [ints.Value(0), ints.Value(1)]);
            Assert.Equal(2, ints.Count);
        }
    }

    private static void AssertPixels(LabeledImages images)
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
                        Assert.Equal(M.Pixel(n, ch, r, c), image[(ch * 1024) + (r * 32) + c]);
                    }
                }
            }
        }
    }
}
