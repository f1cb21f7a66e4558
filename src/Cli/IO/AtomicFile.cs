using System.Text;

namespace TaxoNN.Cli.IO;

/// <summary>Writes the files the CLI produces through the Runtime's atomic writer, as UTF-8 text without a byte-order mark.</summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> (to the file a link points to, for a link) through a
    /// temporary file in the same folder, creating it or replacing it whole; an existing file keeps its permissions.
    /// </summary>
    public static void WriteAllText(string path, string text) =>
        Runtime.Serialization.AtomicFile.WriteAllBytes(path, Utf8.GetBytes(text));
}
