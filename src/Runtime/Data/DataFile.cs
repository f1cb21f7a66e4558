using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Text;

namespace TaxoNN.Runtime.Data;

/// <summary>What every loader does with a data file: open it, read a bounded amount of it, and report about it.</summary>
internal static class DataFile
{
    /// <summary>The most bytes one split's pixels may take: the largest .NET byte array.</summary>
    public static long MaxBytes => Array.MaxLength;

    private const int FirstChunk = 1 << 20;

    /// <summary>Starts a diagnostic about <paramref name="path"/>; a data file has no text, so it is located at its start.</summary>
    public static DiagnosticBuilder Report(string path) => DiagnosticBuilder.ForFile(new SourceText(path, string.Empty));

    /// <summary>Opens <paramref name="path"/>, or reports why it cannot be opened and returns null.</summary>
    public static FileStream? Open(string path, List<Diagnostic> diagnostics)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            diagnostics.Add(Report(path).DataFileUnreadable(Reason(e)));
            return null;
        }
    }

    /// <summary>True for the exceptions that reading a file can raise through no fault of ours.</summary>
    public static bool IsReadFailure(Exception e) => e is IOException or UnauthorizedAccessException or NotSupportedException;

    /// <summary>An exception's message as a sentence to put inside ours.</summary>
    public static string Reason(Exception e) => e.Message.TrimEnd().EndsWith('.') ? e.Message.TrimEnd() : e.Message.TrimEnd() + ".";

    /// <summary>
    /// Reads up to <paramref name="count"/> bytes, fewer only where the stream ends. The buffer grows as data arrives,
    /// so a damaged header that claims gigabytes costs no more memory than the data that is really there.
    /// </summary>
    public static byte[] ReadUpTo(Stream stream, long count)
    {
        var buffer = new byte[Math.Min(count, FirstChunk)];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled == count)
                {
                    return buffer;
                }

                Array.Resize(ref buffer, (int)Math.Min(count, Math.Min((long)buffer.Length * 2, MaxBytes)));
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                return filled == buffer.Length ? buffer : buffer[..filled];
            }

            filled += read;
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>'s length; returns how many bytes there were when the stream ends first.</summary>
    public static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = stream.Read(buffer[filled..]);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
