using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Serialization;

/// <summary>
/// The layout of NumPy's .npy format: the magic "\x93NUMPY", a version (1.0, 2.0 or 3.0), the length of the header,
/// the header (a Python dict literal with 'descr', 'fortran_order' and 'shape') and the raw elements.
/// </summary>
internal static class NpyFormat
{
    /// <summary>The largest array, in bytes of data, that TaxoNN reads or writes (1 GiB).</summary>
    public const long MaxDataBytes = 1L << 30;

    /// <summary>The longest header TaxoNN reads; NumPy writes a few hundred bytes at most.</summary>
    public const int MaxHeaderBytes = 1 << 16;

    /// <summary>The most dimensions an array may have (NumPy 1.x allows 32).</summary>
    public const int MaxDimensions = 32;

    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The size of one element in bytes.</summary>
    public static int ItemSize(NpyDataType type) => type switch
    {
        NpyDataType.UInt8 or NpyDataType.Int8 => 1,
        NpyDataType.Int16 => 2,
        NpyDataType.Int32 or NpyDataType.Float32 => 4,
        _ => 8,
    };

    /// <summary>The type string NumPy writes for <paramref name="type"/>.</summary>
    public static string Descr(NpyDataType type) => type switch
    {
        NpyDataType.UInt8 => "|u1",
        NpyDataType.Int8 => "|i1",
        NpyDataType.Int16 => "<i2",
        NpyDataType.Int32 => "<i4",
        NpyDataType.Int64 => "<i8",
        NpyDataType.Float32 => "<f4",
        _ => "<f8",
    };

    /// <summary>NumPy's name of <paramref name="type"/>, as in "float32".</summary>
    public static string PythonName(NpyDataType type) => type switch
    {
        NpyDataType.UInt8 => "uint8",
        NpyDataType.Int8 => "int8",
        NpyDataType.Int16 => "int16",
        NpyDataType.Int32 => "int32",
        NpyDataType.Int64 => "int64",
        NpyDataType.Float32 => "float32",
        _ => "float64",
    };

    /// <summary>A shape as messages print it, as in "[6, 1, 5, 5]" ("[]" for a 0-d array).</summary>
    public static string ShapeText(IEnumerable<int> shape) =>
        "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The magic, version 1.0, header length and header of an array, padded with spaces and a newline to 64 bytes.</summary>
    public static byte[] Header(NpyDataType type, ImmutableArray<int> shape)
    {
        var dimensions = shape.Length switch
        {
            0 => "()",
            1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
            _ => "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")",
        };
        var dict = $"{{'descr': '{Descr(type)}', 'fortran_order': False, 'shape': {dimensions}, }}";
        const int prefix = 10;
        var padded = (prefix + dict.Length + 1 + 63) / 64 * 64;
        var text = dict.PadRight(padded - prefix - 1) + "\n";
        var result = new byte[padded];
        Magic.CopyTo(result, 0);
        result[6] = 1;
        result[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), checked((ushort)text.Length));
        Encoding.ASCII.GetBytes(text, result.AsSpan(prefix));
        return result;
    }

    /// <summary>
    /// Reads and checks the header of the .npy file in <paramref name="bytes"/>; on failure, <paramref name="diagnostic"/>
    /// says what is wrong with the array <paramref name="name"/>.
    /// </summary>
    public static bool TryReadHeader(
        ReadOnlySpan<byte> bytes, DiagnosticBuilder report, string name, out NpyHeader header, out int dataOffset, out Diagnostic? diagnostic)
    {
        header = null!;
        dataOffset = 0;
        diagnostic = null;
        var magicLength = Math.Min(bytes.Length, Magic.Length);
        if (!bytes[..magicLength].SequenceEqual(Magic.AsSpan(0, magicLength)))
        {
            diagnostic = report.ArrayMalformed(name, "it does not start with NumPy's magic bytes '\\x93NUMPY'");
            return false;
        }

        if (bytes.Length < 8)
        {
            diagnostic = report.ArrayMalformed(name, $"it ends after {bytes.Length} bytes, before its version");
            return false;
        }

        int major = bytes[6], minor = bytes[7];
        if (major is < 1 or > 3 || minor != 0)
        {
            diagnostic = report.ArrayMalformed(name, $"it has format version {major}.{minor}, but TaxoNN reads versions 1.0, 2.0 and 3.0");
            return false;
        }

        var lengthSize = major == 1 ? 2 : 4;
        if (bytes.Length < 8 + lengthSize)
        {
            diagnostic = report.ArrayMalformed(name, $"it ends after {bytes.Length} bytes, before the length of its header");
            return false;
        }

        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        if (headerLength > MaxHeaderBytes)
        {
            diagnostic = report.ArrayTooLarge(name, $"a header of {headerLength.ToString(CultureInfo.InvariantCulture)} bytes", $"{MaxHeaderBytes.ToString(CultureInfo.InvariantCulture)} bytes");
            return false;
        }

        var start = 8 + lengthSize;
        if (bytes.Length < start + headerLength)
        {
            diagnostic = report.ArrayMalformed(name, $"it ends after {bytes.Length} bytes, inside its header of {headerLength} bytes");
            return false;
        }

        string text;
        try
        {
            // Versions 1.0 and 2.0 write the header in Latin-1, version 3.0 in UTF-8.
            text = major == 3
                ? StrictUtf8.GetString(bytes.Slice(start, (int)headerLength))
                : Encoding.Latin1.GetString(bytes.Slice(start, (int)headerLength));
        }
        catch (DecoderFallbackException)
        {
            diagnostic = report.ArrayMalformed(name, "its version 3.0 header is not valid UTF-8");
            return false;
        }

        if (!PythonLiteralParser.TryParse(text, out var literal, out var error))
        {
            diagnostic = report.ArrayMalformed(name, $"its header is not a Python literal ({error})");
            return false;
        }

        if (!TryInterpret(literal, report, name, out header, out diagnostic))
        {
            return false;
        }

        dataOffset = start + (int)headerLength;
        return true;
    }

    private static bool TryInterpret(object? literal, DiagnosticBuilder report, string name, out NpyHeader header, out Diagnostic? diagnostic)
    {
        header = null!;
        diagnostic = null;
        if (literal is not List<KeyValuePair<string, object?>> pairs)
        {
            diagnostic = report.ArrayMalformed(name, "its header is not a dict");
            return false;
        }

        object? descr = null, fortran = null, shape = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (!seen.Add(key))
            {
                diagnostic = report.ArrayMalformed(name, $"its header gives the key '{Shorten(key)}' twice");
                return false;
            }

            switch (key)
            {
                case "descr":
                    descr = value;
                    break;
                case "fortran_order":
                    fortran = value;
                    break;
                case "shape":
                    shape = value;
                    break;
                default:
                    diagnostic = report.ArrayMalformed(name, $"its header has the key '{Shorten(key)}'; it may only have 'descr', 'fortran_order' and 'shape'");
                    return false;
            }
        }

        foreach (var required in new[] { "descr", "fortran_order", "shape" })
        {
            if (!seen.Contains(required))
            {
                diagnostic = report.ArrayMalformed(name, $"its header has no '{required}'");
                return false;
            }
        }

        if (fortran is not bool fortranOrder)
        {
            diagnostic = report.ArrayMalformed(name, "its header's 'fortran_order' is not True or False");
            return false;
        }

        if (shape is not object?[] dimensions || dimensions.Any(d => d is not BigInteger))
        {
            diagnostic = report.ArrayMalformed(name, "its header's 'shape' is not a tuple of integers");
            return false;
        }

        if (dimensions.Any(d => (BigInteger)d! < 0))
        {
            diagnostic = report.ArrayMalformed(name, "its header's 'shape' has a negative dimension");
            return false;
        }

        if (descr is not string typeText)
        {
            diagnostic = report.ArrayUnsupportedType(name, descr is List<object?> ? "a structured type" : "not a type string");
            return false;
        }

        if (!TryParseDescr(typeText, out var type))
        {
            diagnostic = report.ArrayUnsupportedType(name, typeText);
            return false;
        }

        if (dimensions.Length > MaxDimensions)
        {
            diagnostic = report.ArrayTooLarge(name, $"{dimensions.Length} dimensions", $"{MaxDimensions}");
            return false;
        }

        // The product is computed exactly, so an absurd shape is reported rather than overflowed or allocated.
        BigInteger count = 1;
        foreach (var dimension in dimensions)
        {
            count *= (BigInteger)dimension!;
        }

        if (dimensions.Any(d => (BigInteger)d! > int.MaxValue) || count * ItemSize(type) > MaxDataBytes)
        {
            var text = string.Join(", ", dimensions.Select(d => Shorten(((BigInteger)d!).ToString(CultureInfo.InvariantCulture))));
            diagnostic = report.ArrayTooLarge(name, $"the shape ({text})", "1 GiB of data and 2147483647 per dimension");
            return false;
        }

        if (fortranOrder)
        {
            diagnostic = report.ArrayFortranOrder(name);
            return false;
        }

        header = new NpyHeader(type, [.. dimensions.Select(d => (int)(BigInteger)d!)], (long)count);
        return true;
    }

    private static bool TryParseDescr(string descr, out NpyDataType type)
    {
        // One-byte types have no byte order: NumPy writes '|', and '<' or '>' mean the same.
        (type, var ok) = descr switch
        {
            "|u1" or "<u1" or ">u1" => (NpyDataType.UInt8, true),
            "|i1" or "<i1" or ">i1" => (NpyDataType.Int8, true),
            "<i2" => (NpyDataType.Int16, true),
            "<i4" => (NpyDataType.Int32, true),
            "<i8" => (NpyDataType.Int64, true),
            "<f4" => (NpyDataType.Float32, true),
            "<f8" => (NpyDataType.Float64, true),
            _ => (NpyDataType.UInt8, false),
        };
        return ok;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
