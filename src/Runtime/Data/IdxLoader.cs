using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Data;

/// <summary>
/// Reads MNIST and Fashion-MNIST: IDX files with their standard names (train-images-idx3-ubyte, train-labels-idx1-ubyte,
/// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte), each plain or gzipped. IDX is big-endian: a magic number whose
/// last byte is the number of dimensions, one 32-bit size per dimension, then the unsigned bytes.
/// </summary>
public static class IdxLoader
{
    /// <summary>The magic number of an IDX file of unsigned bytes in three dimensions (images).</summary>
    public const uint ImagesMagic = 0x00000803;

    /// <summary>The magic number of an IDX file of unsigned bytes in one dimension (labels).</summary>
    public const uint LabelsMagic = 0x00000801;

    /// <summary>The side of an MNIST or Fashion-MNIST image.</summary>
    public const int Side = 28;

    private static readonly string[] Names =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>
    /// Loads both splits from <paramref name="folder"/>; <paramref name="dataset"/> names the data set in messages and
    /// <paramref name="fetch"/> is the sentence that says where to get missing files.
    /// </summary>
    public static LoadedDataset Load(string folder, string dataset, string fetch)
    {
        var diagnostics = new List<Diagnostic>();
        if (!Directory.Exists(folder))
        {
            diagnostics.Add(DataFile.Report(folder).DataFolderMissing(dataset, $"{string.Join(", ", Names)} (each plain or .gz)"));
            return new LoadedDataset(dataset, null, null, [.. diagnostics]);
        }

        var train = LoadSplit(folder, "train", dataset, fetch, diagnostics);
        var test = LoadSplit(folder, "t10k", dataset, fetch, diagnostics);
        return new LoadedDataset(dataset, train, test, [.. diagnostics]);
    }

    /// <summary>Loads one split whose files start with <paramref name="prefix"/> ("train" or "t10k").</summary>
    internal static LabeledImages? LoadSplit(string folder, string prefix, string dataset, string fetch, List<Diagnostic> diagnostics)
    {
        var imagesPath = Find(folder, $"{prefix}-images-idx3-ubyte", dataset, fetch, diagnostics);
        var labelsPath = Find(folder, $"{prefix}-labels-idx1-ubyte", dataset, fetch, diagnostics);
        var before = diagnostics.Count;
        var images = imagesPath is null ? null : Read(imagesPath, ImagesMagic, "images", dataset, diagnostics);
        var labels = labelsPath is null ? null : Read(labelsPath, LabelsMagic, "labels", dataset, diagnostics);
        if (images is null || labels is null)
        {
            return null;
        }

        if (images.Count != labels.Count)
        {
            diagnostics.Add(DataFile.Report(labelsPath!).ImageLabelCountMismatch(
                $"'{Path.GetFileName(imagesPath)}'", images.Count, $"'{Path.GetFileName(labelsPath)}'", labels.Count));
        }

        return diagnostics.Count > before
            ? null
            : new LabeledImages((int)images.Count, 1, Side, Side, images.Data, labels.Data);
    }

    // The plain file if it is there, else the gzipped one; null (reported) when neither is.
    private static string? Find(string folder, string name, string dataset, string fetch, List<Diagnostic> diagnostics)
    {
        var plain = Path.Combine(folder, name);
        if (File.Exists(plain))
        {
            return plain;
        }

        if (File.Exists(plain + ".gz"))
        {
            return plain + ".gz";
        }

        diagnostics.Add(DataFile.Report(plain).DataFileMissing(dataset, $"it, plain or gzipped as '{name}.gz',", folder, fetch));
        return null;
    }

    private sealed record IdxData(long Count, byte[] Data);

    private static IdxData? Read(string path, uint magic, string kind, string dataset, List<Diagnostic> diagnostics)
    {
        using var file = DataFile.Open(path, diagnostics);
        if (file is null)
        {
            return null;
        }

        var report = DataFile.Report(path);
        var content = "IDX data";
        try
        {
            Span<byte> signature = stackalloc byte[2];
            var compressed = DataFile.ReadFully(file, signature) == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
            if (!compressed && path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(report.CompressedDataCorrupt("gzip", "it does not start with gzip's signature, the bytes 1F 8B."));
                return null;
            }

            file.Position = 0;
            using var stream = compressed ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file;
            if (compressed)
            {
                content = "decompressed IDX data";
            }

            var rank = (int)(magic & 0xFF);
            var headerLength = 4 + (4 * rank);
            Span<byte> header = stackalloc byte[headerLength];
            var got = DataFile.ReadFully(stream, header[..4]);
            if (got < 4)
            {
                diagnostics.Add(report.DataFileTruncated(got, headerLength, content));
                return null;
            }

            var found = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (found != magic)
            {
                diagnostics.Add(report.IdxWrongMagic(found, magic, kind));
                return null;
            }

            got = 4 + DataFile.ReadFully(stream, header[4..]);
            if (got < headerLength)
            {
                diagnostics.Add(report.DataFileTruncated(got, headerLength, content));
                return null;
            }

            long count = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
            long itemSize = 1;
            if (rank == 3)
            {
                long rows = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
                long columns = BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
                if (rows != Side || columns != Side)
                {
                    diagnostics.Add(report.WrongImageSize($"{rows} x {columns} pixels", dataset, $"{Side} x {Side} pixels"));
                    return null;
                }

                itemSize = rows * columns;
                if (count == 0)
                {
                    diagnostics.Add(report.DataFileEmpty(dataset));
                    return null;
                }
            }

            var payload = count * itemSize;
            if (payload > DataFile.MaxBytes)
            {
                diagnostics.Add(report.DataTooLarge(string.Create(CultureInfo.InvariantCulture, $"{count:N0} {kind} ({payload:N0} bytes)"), DataFile.MaxBytes));
                return null;
            }

            var data = DataFile.ReadUpTo(stream, payload);
            if (data.Length < payload)
            {
                diagnostics.Add(report.DataFileTruncated(headerLength + data.Length, headerLength + payload, content));
                return null;
            }

            if (stream.ReadByte() != -1)
            {
                diagnostics.Add(report.DataFileTooLong(headerLength + payload, content));
                return null;
            }

            if (rank == 1 && Labels.FirstOutOfRange(data) is { } bad)
            {
                diagnostics.Add(report.LabelOutOfRange(bad, data[bad], "the classes 0..9"));
                return null;
            }

            return new IdxData(count, data);
        }
        catch (InvalidDataException e)
        {
            diagnostics.Add(report.CompressedDataCorrupt("gzip", DataFile.Reason(e)));
            return null;
        }
        catch (Exception e) when (DataFile.IsReadFailure(e))
        {
            diagnostics.Add(report.DataFileUnreadable(DataFile.Reason(e)));
            return null;
        }
    }
}
