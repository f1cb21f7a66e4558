namespace TaxoNN.Runtime.Serialization;

/// <summary>Replaces files a user keeps through a temporary file in the same folder, so a crash never leaves half a file.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> (the file a link points to, for a link) with what <paramref name="write"/> writes:
    /// to a temporary file in the same folder, flushed to disk, then renamed into place. If anything fails, the
    /// exception propagates, the previous file is unchanged and the temporary file is removed. An existing file
    /// keeps its permissions.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);

        // Renaming over a symbolic link would replace the link by a plain file; write to what it points to.
        var info = new FileInfo(path);
        var target = info.LinkTarget is null
            ? Path.GetFullPath(path)
            : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> as <see cref="Write(string, Action{Stream})"/> does.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (IOException)
        {
            // The original failure is what the caller needs to hear about; a leftover temporary file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
