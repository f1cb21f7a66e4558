using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Data;

/// <summary>
/// Reads CIFAR-10's binary version: data_batch_1.bin .. data_batch_5.bin (training) and test_batch.bin (test), in a
/// folder cifar-10-batches-bin or in the given folder itself. Each record is one label byte and 3,072 pixel bytes: the
/// red plane, then green, then blue, each 32 x 32 row after row, which is already PyTorch's C x H x W order.
/// </summary>
public static class Cifar10Loader
{
    /// <summary>The folder the CIFAR-10 archive unpacks to.</summary>
    public const string BatchFolder = "cifar-10-batches-bin";

    /// <summary>The side of a CIFAR-10 image.</summary>
    public const int Side = 32;

    /// <summary>Colour channels per image.</summary>
    public const int Channels = 3;

    /// <summary>Bytes per record: one label byte and the pixels.</summary>
    public const int RecordSize = 1 + (Channels * Side * Side);

    private const string Dataset = "CIFAR-10";

    private const string Fetch = "Download the binary version of CIFAR-10 (cifar-10-binary.tar.gz), unpack it and point --data at the folder that holds cifar-10-batches-bin.";

    private static readonly string[] TrainBatches = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    private static readonly string[] TestBatches = ["test_batch.bin"];

    /// <summary>Loads both splits from <paramref name="folder"/> or its cifar-10-batches-bin subfolder.</summary>
    public static LoadedDataset Load(string folder)
    {
        var diagnostics = new List<Diagnostic>();
        if (!Directory.Exists(folder))
        {
            diagnostics.Add(DataFile.Report(folder).DataFolderMissing(Dataset, $"{BatchFolder} with {string.Join(", ", TrainBatches)} and test_batch.bin"));
            return new LoadedDataset(Dataset, null, null, [.. diagnostics]);
        }

        var nested = Path.Combine(folder, BatchFolder);
        var batches = Directory.Exists(nested) ? nested : folder;
        var train = LoadSplit(batches, TrainBatches, diagnostics);
        var test = LoadSplit(batches, TestBatches, diagnostics);
        return new LoadedDataset(Dataset, train, test, [.. diagnostics]);
    }

    private static LabeledImages? LoadSplit(string folder, string[] names, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var paths = new List<(string Path, long Records)>();
        long records = 0;
        foreach (var name in names)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                diagnostics.Add(DataFile.Report(path).DataFileMissing(Dataset, $"it with the other batches{(folder.EndsWith(BatchFolder, StringComparison.Ordinal) ? string.Empty : $" (directly or in {BatchFolder})")}", folder, Fetch));
                continue;
            }

            var length = new FileInfo(path).Length;
            if (length == 0)
            {
                diagnostics.Add(DataFile.Report(path).DataFileEmpty(Dataset));
            }
            else if (length % RecordSize != 0)
            {
                diagnostics.Add(DataFile.Report(path).CifarWrongRecordSize(length, RecordSize, length % (RecordSize + 1) == 0
                    ? ", but a whole number of CIFAR-100's 3,074-byte records, so it may be CIFAR-100"
                    : string.Empty));
            }
            else
            {
                paths.Add((path, length / RecordSize));
                records += length / RecordSize;
            }
        }

        if (diagnostics.Count > before)
        {
            return null;
        }

        if (records * (RecordSize - 1) > DataFile.MaxBytes)
        {
            diagnostics.Add(DataFile.Report(paths[^1].Path).DataTooLarge($"{records} images with the other batches", DataFile.MaxBytes));
            return null;
        }

        var pixels = new byte[records * (RecordSize - 1)];
        var labels = new byte[records];
        var image = 0;
        foreach (var (path, count) in paths)
        {
            if (!ReadBatch(path, count, pixels, labels, image, diagnostics))
            {
                return null;
            }

            image += (int)count;
        }

        return new LabeledImages(image, Channels, Side, Side, pixels, labels);
    }

    private static bool ReadBatch(string path, long count, byte[] pixels, byte[] labels, int first, List<Diagnostic> diagnostics)
    {
        using var file = DataFile.Open(path, diagnostics);
        if (file is null)
        {
            return false;
        }

        var report = DataFile.Report(path);
        var record = new byte[RecordSize];
        try
        {
            for (var i = 0; i < count; i++)
            {
                var got = DataFile.ReadFully(file, record);
                if (got < RecordSize)
                {
                    // The file shrank after its length was checked.
                    diagnostics.Add(report.DataFileTruncated((i * (long)RecordSize) + got, count * RecordSize, "CIFAR-10 records"));
                    return false;
                }

                if (record[0] >= LabeledImages.ClassCount)
                {
                    diagnostics.Add(report.LabelOutOfRange(i, record[0], "the classes 0..9"));
                    return false;
                }

                labels[first + i] = record[0];
                record.AsSpan(1).CopyTo(pixels.AsSpan((first + i) * (RecordSize - 1)));
            }
        }
        catch (Exception e) when (DataFile.IsReadFailure(e))
        {
            diagnostics.Add(report.DataFileUnreadable(DataFile.Reason(e)));
            return false;
        }

        return true;
    }
}
