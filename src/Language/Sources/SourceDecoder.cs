using System.Text;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Parsing;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Sources;

/// <summary>Turns a file's bytes into text, refusing files that are too large, binary or not UTF-8.</summary>
public static class SourceDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/> read from <paramref name="path"/>; a UTF-8 byte-order mark is dropped.</summary>
    public static SourceLoadResult Decode(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > SyntaxParser.MaxInputBytes)
        {
            var empty = new SourceText(path, string.Empty);
            return Fail(DiagnosticBuilder.ForFile(empty).FileTooLarge(bytes.Length, SyntaxParser.MaxInputBytes));
        }

        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var nul = bytes.IndexOf((byte)0);
        var invalid = System.Text.Unicode.Utf8.IsValid(bytes) ? -1 : FirstInvalid(bytes);
        if (nul >= 0 && (invalid < 0 || nul < invalid))
        {
            var prefix = new SourceText(path, StrictUtf8.GetString(bytes[..nul]));
            return Fail(DiagnosticBuilder.ForSpan(prefix, new TextSpan(prefix.Length, 0)).BinaryFile());
        }

        if (invalid >= 0)
        {
            var prefix = new SourceText(path, StrictUtf8.GetString(bytes[..invalid]));
            return Fail(DiagnosticBuilder.ForSpan(prefix, new TextSpan(prefix.Length, 0)).InvalidUtf8(bytes[invalid]));
        }

        return new SourceLoadResult(new SourceText(path, StrictUtf8.GetString(bytes)), []);
    }

    private static SourceLoadResult Fail(Diagnostic diagnostic) => new(null, [diagnostic]);

    // The offset of the first byte that does not belong to a well-formed UTF-8 sequence.
    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }
}
