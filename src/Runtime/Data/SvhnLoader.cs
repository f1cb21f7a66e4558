using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Data;

/// <summary>
/// Reads SVHN's cropped digits: train_32x32.mat and test_32x32.mat, MATLAB version 5 files holding X (32 x 32 x 3 x N
/// uint8, column-major: row, column, colour, image) and y (N labels 1..10, where 10 stands for the digit 0).
/// </summary>
public static class SvhnLoader
{
    /// <summary>The side of an SVHN image.</summary>
    public const int Side = 32;

    /// <summary>Colour channels per image.</summary>
    public const int Channels = 3;

    private const string Dataset = "SVHN";

    private const string Fetch = "Download the cropped digits (format 2) train_32x32.mat and test_32x32.mat and point --data at their folder.";

    private const int UInt8Class = 9;

    private static readonly string[] Variables = ["X", "y"];

    /// <summary>Loads both splits from <paramref name="folder"/>.</summary>
    public static LoadedDataset Load(string folder)
    {
        var diagnostics = new List<Diagnostic>();
        if (!Directory.Exists(folder))
        {
            diagnostics.Add(DataFile.Report(folder).DataFolderMissing(Dataset, "train_32x32.mat and test_32x32.mat"));
            return new LoadedDataset(Dataset, null, null, [.. diagnostics]);
        }

        var train = LoadFile(Path.Combine(folder, "train_32x32.mat"), diagnostics);
        var test = LoadFile(Path.Combine(folder, "test_32x32.mat"), diagnostics);
        return new LoadedDataset(Dataset, train, test, [.. diagnostics]);
    }

    /// <summary>Loads one split from the MAT-file at <paramref name="path"/>.</summary>
    internal static LabeledImages? LoadFile(string path, List<Diagnostic> diagnostics)
    {
        if (!File.Exists(path))
        {
            diagnostics.Add(DataFile.Report(path).DataFileMissing(Dataset, "it with its other split", Path.GetDirectoryName(path) ?? ".", Fetch));
            return null;
        }

        var mat = MatFileReader.Read(path, Variables, diagnostics);
        if (mat is null)
        {
            return null;
        }

        var report = DataFile.Report(path);
        if (!mat.Arrays.TryGetValue("X", out var x))
        {
            diagnostics.Add(report.MatVariableMissing("X", "the images, 32 x 32 x 3 x N uint8", mat.Names));
            return null;
        }

        if (!mat.Arrays.TryGetValue("y", out var y))
        {
            diagnostics.Add(report.MatVariableMissing("y", "the labels 1..10, N x 1", mat.Names));
            return null;
        }

        if (x.ClassId != UInt8Class || x.DataType != MatFileReader.MiUInt8)
        {
            diagnostics.Add(report.MatVariableUnsupported("X", $"a {MatFileReader.ClassName(x.ClassId)} array", "a uint8 array"));
            return null;
        }

        // MATLAB drops trailing dimensions of size 1, so a file of one image has X of 32 x 32 x 3.
        var dims = x.Dimensions;
        if (dims.Length is < 3 or > 4 || dims[0] != Side || dims[1] != Side || dims[2] != Channels)
        {
            diagnostics.Add(report.WrongImageSize($"{string.Join(" x ", dims)} (X as rows x columns x colours x images)", Dataset, "32 x 32 x 3"));
            return null;
        }

        var count = dims.Length == 4 ? dims[3] : 1;
        if (count == 0)
        {
            diagnostics.Add(report.DataFileEmpty(Dataset));
            return null;
        }

        if (y.Dimensions.Length != 2 || Math.Min(y.Dimensions[0], y.Dimensions[1]) > 1)
        {
            diagnostics.Add(report.MatVariableUnsupported("y", $"a {string.Join(" x ", y.Dimensions)} array", "a vector of labels, N x 1"));
            return null;
        }

        if (y.Count != count)
        {
            var file = Path.GetFileName(path);
            diagnostics.Add(report.ImageLabelCountMismatch($"Variable 'X' of '{file}'", count, $"its variable 'y'", y.Count));
            return null;
        }

        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            // SVHN numbers the digit 0 as class 10.
            var value = y.Value(i);
            if (value is not (>= 1 and <= 10) || value != Math.Floor(value))
            {
                diagnostics.Add(report.LabelOutOfRange(i, value, "1..10 (10 stands for the digit 0)"));
                return null;
            }

            labels[i] = (byte)((int)value % 10);
        }

        var pixels = x.Data;
        TransposePlanes(pixels);
        return new LabeledImages(count, Channels, Side, Side, pixels, labels);
    }

    // Each 32 x 32 plane is stored column by column; PyTorch's order is row by row, so every plane is transposed in place.
    private static void TransposePlanes(byte[] pixels)
    {
        for (var plane = 0; plane < pixels.Length; plane += Side * Side)
        {
            var p = pixels.AsSpan(plane, Side * Side);
            for (var row = 0; row < Side; row++)
            {
                for (var column = row + 1; column < Side; column++)
                {
                    (p[(row * Side) + column], p[(column * Side) + row]) = (p[(column * Side) + row], p[(row * Side) + column]);
                }
            }
        }
    }
}
