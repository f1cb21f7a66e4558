using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Data;

/// <summary>
/// Reads the real numeric variables it is asked for from a MATLAB version 5 MAT-file (the format SVHN ships in), after
/// the MathWorks document "MAT-File Format": a 128-byte header, then data elements, each an 8-byte tag (type, byte
/// count; or the 4-byte small form with the count in the upper half of the first word) and data padded to 8 bytes.
/// A variable is an miMATRIX element of array flags, dimensions, name and real part; MATLAB's -v7 files wrap each in
/// an miCOMPRESSED element, a zlib stream. No package served to this project reads MAT-files (on NuGet only PureHDF
/// comes near, and it reads HDF5, the container of version 7.3 files, not version 5), hence this minimal reader.
/// </summary>
internal sealed class MatFileReader
{
    public const int MiInt8 = 1;
    public const int MiUInt8 = 2;
    public const int MiInt16 = 3;
    public const int MiUInt16 = 4;
    public const int MiInt32 = 5;
    public const int MiUInt32 = 6;
    public const int MiSingle = 7;
    public const int MiDouble = 9;
    public const int MiInt64 = 12;
    public const int MiUInt64 = 13;
    public const int MiMatrix = 14;
    public const int MiCompressed = 15;

    private const int HeaderLength = 128;
    private const int TagLength = 8;
    private const int MaxDimensions = 32;
    private const int MaxNameLength = 4096;
    private const int ComplexFlag = 0x0800;
    private const int FirstNumericClass = 6;
    private const int LastNumericClass = 15;
    private const long ElementCap = long.MaxValue / 16;

    private readonly string path;
    private readonly DiagnosticBuilder report;
    private readonly List<Diagnostic> diagnostics;
    private readonly IReadOnlyCollection<string> wanted;
    private readonly long maxBytes;
    private readonly Dictionary<string, MatArray> arrays = new(StringComparer.Ordinal);
    private readonly List<string> names = [];
    private bool bigEndian;

    private MatFileReader(string path, IReadOnlyCollection<string> wanted, List<Diagnostic> diagnostics, long maxBytes)
    {
        this.path = path;
        this.wanted = wanted;
        this.diagnostics = diagnostics;
        this.maxBytes = maxBytes;
        report = DataFile.Report(path);
    }

    /// <summary>The variables found, by name: those of <c>wanted</c> that the file has.</summary>
    public IReadOnlyDictionary<string, MatArray> Arrays => arrays;

    /// <summary>The names of every variable in the file, in file order.</summary>
    public IReadOnlyList<string> Names => names;

    /// <summary>
    /// Reads the variables named in <paramref name="wanted"/> (others are skipped unread); null when the file has a
    /// problem, which is then in <paramref name="diagnostics"/>.
    /// </summary>
    public static MatFileReader? Read(string path, IReadOnlyCollection<string> wanted, List<Diagnostic> diagnostics, long? maxBytes = null)
    {
        var reader = new MatFileReader(path, wanted, diagnostics, maxBytes ?? DataFile.MaxBytes);
        using var file = DataFile.Open(path, diagnostics);
        if (file is null)
        {
            return null;
        }

        try
        {
            return reader.ReadFile(file) ? reader : null;
        }
        catch (InvalidDataException e)
        {
            diagnostics.Add(reader.report.CompressedDataCorrupt("zlib", DataFile.Reason(e)));
            return null;
        }
        catch (Exception e) when (DataFile.IsReadFailure(e))
        {
            diagnostics.Add(reader.report.DataFileUnreadable(DataFile.Reason(e)));
            return null;
        }
    }

    /// <summary>Bytes per element of a numeric MAT data type, 0 for other types.</summary>
    public static int ElementSize(int dataType) => dataType switch
    {
        MiInt8 or MiUInt8 => 1,
        MiInt16 or MiUInt16 => 2,
        MiInt32 or MiUInt32 or MiSingle => 4,
        MiDouble or MiInt64 or MiUInt64 => 8,
        _ => 0,
    };

    /// <summary>MATLAB's name for an array class, as messages print it.</summary>
    public static string ClassName(int classId) => classId switch
    {
        1 => "cell",
        2 => "struct",
        3 => "object",
        4 => "char",
        5 => "sparse",
        6 => "double",
        7 => "single",
        8 => "int8",
        9 => "uint8",
        10 => "int16",
        11 => "uint16",
        12 => "int32",
        13 => "uint32",
        14 => "int64",
        15 => "uint64",
        16 => "function handle",
        _ => $"class {classId.ToString(CultureInfo.InvariantCulture)}",
    };

    private static long Pad8(long count) => (count + 7) & ~7L;

    private bool ReadFile(FileStream file)
    {
        var length = file.Length;
        Span<byte> header = stackalloc byte[HeaderLength];
        var got = DataFile.ReadFully(file, header);
        if (got < HeaderLength)
        {
            diagnostics.Add(report.MatNotVersion5($"it has {got} bytes, fewer than the 128-byte header a MAT-file starts with."));
            return false;
        }

        if (header.StartsWith("MATLAB 7.3"u8))
        {
            diagnostics.Add(report.MatNotVersion5("it is a version 7.3 MAT-file, which is an HDF5 file."));
            return false;
        }

        if (header[126] == 'I' && header[127] == 'M')
        {
            bigEndian = false;
        }
        else if (header[126] == 'M' && header[127] == 'I')
        {
            bigEndian = true;
        }
        else
        {
            diagnostics.Add(report.MatNotVersion5("its 128-byte header does not end with the byte-order mark 'IM' or 'MI' (is it a version 4 MAT-file, or another format?)."));
            return false;
        }

        var version = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(header[124..]) : BinaryPrimitives.ReadUInt16LittleEndian(header[124..]);
        if (version != 0x0100)
        {
            diagnostics.Add(report.MatNotVersion5($"its header gives version 0x{version:X4}, not 0x0100."));
            return false;
        }

        long offset = HeaderLength;
        Span<byte> tag = stackalloc byte[TagLength];
        while (offset < length)
        {
            file.Position = offset;
            if (length - offset < TagLength)
            {
                diagnostics.Add(report.DataFileTruncated(length, offset + TagLength, "MAT-file data elements"));
                return false;
            }

            DataFile.ReadFully(file, tag);
            var (type, count, small) = ParseTag(tag);
            var end = small ? offset + TagLength : offset + TagLength + (type == MiCompressed ? count : Pad8(count));
            if (!small && offset + TagLength + count > length)
            {
                diagnostics.Add(report.DataFileTruncated(length, offset + TagLength + count, "MAT-file data elements"));
                return false;
            }

            if (!small && type == MiMatrix)
            {
                if (!ReadMatrix(file, count, offset, compressed: false))
                {
                    return false;
                }
            }
            else if (!small && type == MiCompressed)
            {
                using var window = new BoundedStream(file, count);
                using var inflated = new ZLibStream(window, CompressionMode.Decompress);
                if (DataFile.ReadFully(inflated, tag) < TagLength)
                {
                    diagnostics.Add(report.CompressedDataCorrupt("zlib", $"the compressed element at byte {offset} ends before the tag of what it holds."));
                    return false;
                }

                var (innerType, innerCount, innerSmall) = ParseTag(tag);
                if (!innerSmall && innerType == MiMatrix && !ReadMatrix(inflated, innerCount, offset, compressed: true))
                {
                    return false;
                }
            }

            offset = end;
        }

        return true;
    }

    private (int Type, long Count, bool Small) ParseTag(ReadOnlySpan<byte> tag)
    {
        var first = U32(tag);
        return (first >> 16) != 0
            ? ((int)(first & 0xFFFF), first >> 16, true)
            : ((int)first, U32(tag[4..]), false);
    }

    private uint U32(ReadOnlySpan<byte> bytes) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    // Reads the sub-elements of an miMATRIX of `size` bytes; `offset` is where its top-level element starts, for messages.
    private bool ReadMatrix(Stream stream, long size, long offset, bool compressed)
    {
        if (size == 0)
        {
            return true;
        }

        var remaining = size;
        var element = new Element(this, stream, offset, compressed);

        var flags = element.Read("array flags", ref remaining);
        if (flags is null)
        {
            return false;
        }

        if (flags.Value.Type != MiUInt32 || flags.Value.Data.Length != 8)
        {
            return Malformed(offset, "its array flags are not 8 bytes of type miUINT32.");
        }

        var flagWord = U32(flags.Value.Data);
        var classId = (int)(flagWord & 0xFF);
        var complex = (flagWord & ComplexFlag) != 0;

        var dimensions = element.Read("dimensions", ref remaining);
        if (dimensions is null)
        {
            return false;
        }

        var dims = dimensions.Value.Data;
        if (dimensions.Value.Type != MiInt32 || dims.Length % 4 != 0 || dims.Length < 8 || dims.Length > 4 * MaxDimensions)
        {
            return Malformed(offset, "its dimensions are not 2 to 32 values of type miINT32.");
        }

        var shape = new int[dims.Length / 4];
        long elements = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = (int)U32(dims.AsSpan(4 * i));
            if (shape[i] < 0)
            {
                return Malformed(offset, "it has a negative dimension.");
            }

            // Capped, so that no product overflows; a capped count can never match a real part's 32-bit size.
            elements = shape[i] == 0 ? 0 : Math.Min(elements, ElementCap / shape[i]) * shape[i];
        }

        var nameElement = element.Read("name", ref remaining);
        if (nameElement is null)
        {
            return false;
        }

        if (nameElement.Value.Type != MiInt8)
        {
            return Malformed(offset, "its name is not of type miINT8.");
        }

        var name = Encoding.ASCII.GetString(nameElement.Value.Data);
        names.Add(name);
        if (!wanted.Contains(name))
        {
            return true;
        }

        if (classId is < FirstNumericClass or > LastNumericClass || complex)
        {
            var kind = complex ? $"a complex {ClassName(classId)} array" : $"a {ClassName(classId)} array";
            diagnostics.Add(report.MatVariableUnsupported(name, kind, "a real numeric array"));
            return false;
        }

        var real = element.ReadTag("real part", ref remaining);
        if (real is null)
        {
            return false;
        }

        var (dataType, count, small, smallData) = real.Value;
        var elementSize = ElementSize(dataType);
        if (elementSize == 0)
        {
            return Malformed(offset, $"the real part of '{name}' has type {dataType}, which is not a numeric type.");
        }

        if (count != elements * elementSize)
        {
            return Malformed(offset, string.Create(CultureInfo.InvariantCulture, $"'{name}' has {elements:N0} elements, but its real part holds {count:N0} bytes of {elementSize}-byte values."));
        }

        if (count > maxBytes)
        {
            diagnostics.Add(report.DataTooLarge(string.Create(CultureInfo.InvariantCulture, $"a variable '{name}' of {count:N0} bytes"), maxBytes));
            return false;
        }

        byte[] data;
        if (small)
        {
            data = smallData;
        }
        else
        {
            data = DataFile.ReadUpTo(stream, count);
            if (data.Length < count)
            {
                return EndedEarly(offset, compressed);
            }
        }

        arrays[name] = new MatArray(name, classId, shape, dataType, data, bigEndian);
        return true;
    }

    private bool Malformed(long offset, string problem)
    {
        diagnostics.Add(report.MatMalformedElement(offset, problem));
        return false;
    }

    private bool EndedEarly(long offset, bool compressed)
    {
        // A top-level element was checked to fit in the file, so running out inside it means its parts claim too much.
        diagnostics.Add(compressed
            ? report.CompressedDataCorrupt("zlib", $"the compressed element at byte {offset} holds fewer bytes than its parts need.")
            : report.MatMalformedElement(offset, "its parts need more bytes than the element holds."));
        return false;
    }

    /// <summary>Reads the sub-elements of one miMATRIX, each within the bytes its parent has left.</summary>
    private readonly struct Element(MatFileReader owner, Stream stream, long offset, bool compressed)
    {
        // A whole sub-element (small ones are at most 4 bytes; others of bounded size, since only metadata is read this way).
        public (int Type, byte[] Data)? Read(string part, ref long remaining)
        {
            var tag = ReadTag(part, ref remaining);
            if (tag is null)
            {
                return null;
            }

            var (type, count, small, smallData) = tag.Value;
            if (small)
            {
                return (type, smallData);
            }

            if (count > MaxNameLength)
            {
                owner.Malformed(offset, $"its {part} claims {count} bytes.");
                return null;
            }

            var data = new byte[Pad8(count)];
            if (DataFile.ReadFully(stream, data) < data.Length)
            {
                owner.EndedEarly(offset, compressed);
                return null;
            }

            return (type, data[..(int)count]);
        }

        // A sub-element's tag; for the small form also its data. The parent's budget is charged for the whole sub-element.
        public (int Type, long Count, bool Small, byte[] SmallData)? ReadTag(string part, ref long remaining)
        {
            if (remaining < TagLength)
            {
                owner.Malformed(offset, $"it ends before its {part}.");
                return null;
            }

            Span<byte> tag = stackalloc byte[TagLength];
            if (DataFile.ReadFully(stream, tag) < TagLength)
            {
                owner.EndedEarly(offset, compressed);
                return null;
            }

            var (type, count, small) = owner.ParseTag(tag);
            if (small && count > 4)
            {
                owner.Malformed(offset, $"its {part} is a small element of {count} bytes; a small element holds at most 4.");
                return null;
            }

            var charged = TagLength + (small ? 0 : Pad8(count));
            if (charged > remaining)
            {
                owner.Malformed(offset, $"its {part} needs {charged} bytes, more than the {remaining} the element has left.");
                return null;
            }

            remaining -= charged;
            return (type, count, small, small ? tag[4..(4 + (int)count)].ToArray() : []);
        }
    }
}
