using System.Collections.Immutable;
using System.IO.Compression;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Text;

namespace TaxoNN.Runtime.Serialization;

/// <summary>
/// NumPy's .npz format: a zip archive of named arrays, each stored as the entry "name.npy". Reads stored and
/// deflated entries; writes them uncompressed, as <c>numpy.savez</c> does. The arrays keep their order.
/// </summary>
public sealed class NpzArchive
{
    // A fixed time stamp, so that the same arrays always give the same bytes (checkpoints compare byte for byte).
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ImmutableArray<KeyValuePair<string, NpyArray>> arrays;
    private readonly Dictionary<string, NpyArray> byName;

    /// <summary>Creates an archive of <paramref name="arrays"/>, in their order; names must be distinct and not empty.</summary>
    public NpzArchive(IEnumerable<KeyValuePair<string, NpyArray>> arrays)
    {
        this.arrays = [.. arrays];
        byName = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (var (name, array) in this.arrays)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(arrays));
            ArgumentNullException.ThrowIfNull(array, nameof(arrays));
            if (!byName.TryAdd(name, array))
            {
                throw new ArgumentException($"Two arrays are named '{name}'.", nameof(arrays));
            }
        }
    }

    /// <summary>The names of the arrays, in order.</summary>
    public IEnumerable<string> Names => arrays.Select(pair => pair.Key);

    /// <summary>The arrays with their names, in order.</summary>
    public ImmutableArray<KeyValuePair<string, NpyArray>> Arrays => arrays;

    /// <summary>The number of arrays.</summary>
    public int Count => arrays.Length;

    /// <summary>The array named <paramref name="name"/>.</summary>
    public NpyArray this[string name] => byName[name];

    /// <summary>Whether the archive holds an array named <paramref name="name"/>, and which.</summary>
    public bool TryGetValue(string name, out NpyArray array) => byName.TryGetValue(name, out array!);

    /// <summary>
    /// Reads the archive at <paramref name="path"/>. A missing, unreadable, truncated or corrupt file, and any array
    /// in it that is not valid, is a diagnostic naming the file (and the array), never an exception.
    /// </summary>
    public static ReadResult<NpzArchive> Read(string path)
    {
        var report = DiagnosticBuilder.ForFile(new SourceText(path, string.Empty));
        if (Directory.Exists(path))
        {
            return ReadResult<NpzArchive>.Failure(report.WeightsFileUnreadable("it is a folder, not a file"));
        }

        if (!File.Exists(path))
        {
            return ReadResult<NpzArchive>.Failure(report.WeightsFileUnreadable("the file does not exist"));
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return Read(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<NpzArchive>.Failure(report.WeightsFileUnreadable(Reason(e)));
        }
    }

    /// <summary>Reads an archive from <paramref name="stream"/>; <paramref name="path"/> names it in diagnostics.</summary>
    public static ReadResult<NpzArchive> Read(Stream stream, string path)
    {
        var report = DiagnosticBuilder.ForFile(new SourceText(path, string.Empty));
        var diagnostics = new List<Diagnostic>();
        var arrays = new List<KeyValuePair<string, NpyArray>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                var entryName = entry.FullName;
                if (entryName.EndsWith('/') && entry.Length == 0)
                {
                    continue;
                }

                if (!entryName.EndsWith(".npy", StringComparison.Ordinal) || entryName.Length == ".npy".Length)
                {
                    diagnostics.Add(report.ArchiveEntryNotArray(entryName));
                    continue;
                }

                var name = entryName[..^".npy".Length];
                if (!names.Add(name))
                {
                    diagnostics.Add(report.ArchiveDuplicateArray(name));
                    continue;
                }

                var bytes = ReadEntry(entry, out var tooLarge);
                if (tooLarge)
                {
                    diagnostics.Add(report.ArrayTooLarge(name, "more than 1 GiB of data", "1 GiB"));
                    continue;
                }

                var result = NpyArray.Parse(bytes, path, name);
                diagnostics.AddRange(result.Diagnostics);
                if (result.Value is { } array)
                {
                    arrays.Add(new KeyValuePair<string, NpyArray>(name, array));
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or EndOfStreamException)
        {
            return ReadResult<NpzArchive>.Failure(diagnostics.Append(report.ArchiveCorrupt(Reason(e))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<NpzArchive>.Failure(diagnostics.Append(report.WeightsFileUnreadable(Reason(e))));
        }

        return diagnostics.Count > 0
            ? ReadResult<NpzArchive>.Failure(diagnostics)
            : ReadResult<NpzArchive>.Success(new NpzArchive(arrays));
    }

    /// <summary>Writes the archive to <paramref name="stream"/>: one uncompressed "name.npy" entry per array, in order.</summary>
    public void WriteTo(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, array) in arrays)
        {
            var entry = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression);
            entry.LastWriteTime = EntryTime;
            using var entryStream = entry.Open();
            entryStream.Write(array.ToNpyBytes());
        }
    }

    /// <summary>
    /// Writes the archive to <paramref name="path"/> atomically (<see cref="AtomicFile"/>). A failure is a diagnostic,
    /// and then the previous file, if any, is unchanged.
    /// </summary>
    public ImmutableArray<Diagnostic> Write(string path)
    {
        try
        {
            AtomicFile.Write(path, WriteTo);
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return [DiagnosticBuilder.ForFile(new SourceText(path, string.Empty)).DataFileNotWritten(Reason(e))];
        }
    }

    // Reads a whole entry, growing the buffer with what actually arrives, so a size the archive merely claims
    // allocates nothing; more than the largest array TaxoNN reads is reported as too large.
    private static byte[] ReadEntry(ZipArchiveEntry entry, out bool tooLarge)
    {
        const long limit = NpyFormat.MaxDataBytes + NpyFormat.MaxHeaderBytes + 16;
        tooLarge = entry.Length > limit;
        if (tooLarge)
        {
            return [];
        }

        using var input = entry.Open();
        var buffer = new byte[(int)Math.Min(Math.Max(entry.Length, 256), 1 << 20)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= limit)
                {
                    tooLarge = input.ReadByte() >= 0;
                    return tooLarge ? [] : buffer;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit));
            }

            var read = input.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return length == buffer.Length ? buffer : buffer[..length];
            }

            length += read;
        }
    }

    private static string Reason(Exception e)
    {
        var message = e.Message.Trim();
        return message.EndsWith('.') ? message[..^1] : message;
    }
}
