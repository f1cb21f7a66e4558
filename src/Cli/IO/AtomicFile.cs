using System.Text;

namespace TaxoNN.Cli.IO;

/// <summary>Replaces files through a temporary file in the same folder, so a crash never leaves half a file.</summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <paramref name="text"/> in UTF-8 to <paramref name="path"/> (to the file a link points to, for a link),
    /// creating it or replacing it whole; an existing file keeps its permissions.
    /// </summary>
    public static void WriteAllText(string path, string text)
    {
        // Renaming over a symbolic link would replace the link by a plain file; write to what it points to.
        var info = new FileInfo(path);
        var target = info.LinkTarget is null
            ? Path.GetFullPath(path)
            : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Utf8.GetBytes(text));
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
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
    }
}
