using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TaxoNN.Runtime.Tests.Data;

/// <summary>
/// Writes MATLAB version 5 MAT-files byte by byte, after the MathWorks document "MAT-File Format": a 128-byte header
/// (116 bytes of text, 8 bytes of subsystem offset, the version 0x0100 and the byte-order mark), then data elements.
/// Each element is an 8-byte tag (type, byte count) and data padded to 8 bytes, or, for at most 4 bytes, the small form:
/// count in the upper and type in the lower half of one word, the data in the next 4 bytes. A variable is an miMATRIX
/// of array flags (miUINT32: class in the low byte, complex 0x0800), dimensions (miINT32), name (miINT8) and real part;
/// miCOMPRESSED holds a whole element as a zlib stream.
/// </summary>
internal sealed class MatFileWriter(bool bigEndian = false)
{
    public const int MiInt8 = 1;
    public const int MiUInt8 = 2;
    public const int MiInt32 = 5;
    public const int MiUInt32 = 6;
    public const int MiDouble = 9;
    public const int MiMatrix = 14;
    public const int MiCompressed = 15;

    public const int CellClass = 1;
    public const int CharClass = 4;
    public const int DoubleClass = 6;
    public const int UInt8Class = 9;

    public const uint ComplexFlag = 0x0800;

    private readonly List<byte> body = [];

    public string HeaderText { get; init; } = "MATLAB 5.0 MAT-file, Platform: TaxoNN tests, Created on: never";

    public ushort Version { get; init; } = 0x0100;

    public byte[] U32(uint value)
    {
        var bytes = new byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }

        return bytes;
    }

    /// <summary>Values of a numeric data type in the file's byte order.</summary>
    public byte[] Values(int dataType, params double[] values) => dataType switch
    {
        MiUInt8 => values.Select(v => (byte)v).ToArray(),
        MiInt32 => values.SelectMany(v => U32((uint)(int)v)).ToArray(),
        MiDouble => values.SelectMany(v =>
        {
            var bytes = new byte[8];
            if (bigEndian)
            {
                BinaryPrimitives.WriteDoubleBigEndian(bytes, v);
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes, v);
            }

            return bytes;
        }).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(dataType)),
    };

    /// <summary>A data element: the small form when the data fit in 4 bytes and <paramref name="small"/> allows it.</summary>
    public byte[] Element(int type, byte[] data, bool small = true)
    {
        if (small && data.Length <= 4)
        {
            return [.. U32((uint)((data.Length << 16) | type)), .. data, .. new byte[4 - data.Length]];
        }

        return [.. U32((uint)type), .. U32((uint)data.Length), .. data, .. new byte[((data.Length + 7) & ~7) - data.Length]];
    }

    /// <summary>An miMATRIX element holding one variable.</summary>
    public byte[] Matrix(string name, int classId, int[] dimensions, int dataType, byte[] real, uint flags = 0, byte[]? imaginary = null)
    {
        byte[] parts =
        [
            .. Element(MiUInt32, [.. U32((uint)classId | flags), .. U32(0)]),
            .. Element(MiInt32, dimensions.SelectMany(d => U32((uint)d)).ToArray()),
            .. Element(MiInt8, Encoding.ASCII.GetBytes(name)),
            .. Element(dataType, real),
            .. imaginary is null ? [] : Element(dataType, imaginary),
        ];
        return Element(MiMatrix, parts, small: false);
    }

    /// <summary>An miCOMPRESSED element: <paramref name="element"/> as a zlib stream, not padded.</summary>
    public byte[] Compressed(byte[] element)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(element);
        }

        var compressed = output.ToArray();
        return [.. U32(MiCompressed), .. U32((uint)compressed.Length), .. compressed];
    }

    public MatFileWriter Add(byte[] element)
    {
        body.AddRange(element);
        return this;
    }

    public MatFileWriter Variable(string name, int classId, int[] dimensions, int dataType, byte[] real, bool compress = false)
    {
        var matrix = Matrix(name, classId, dimensions, dataType, real);
        return Add(compress ? Compressed(matrix) : matrix);
    }

    public byte[] ToArray()
    {
        var header = new byte[128];
        header.AsSpan(0, 116).Fill((byte)' ');
        Encoding.ASCII.GetBytes(HeaderText).CopyTo(header, 0);
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(124), Version);
            header[126] = (byte)'M';
            header[127] = (byte)'I';
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(124), Version);
            header[126] = (byte)'I';
            header[127] = (byte)'M';
        }

        return [.. header, .. body];
    }

    /// <summary>The pixel every SVHN test image has at (image, channel, row, column); not symmetric in row and column.</summary>
    public static byte Pixel(int image, int channel, int row, int column) => (byte)((image * 17) + (channel * 60) + (row * 3) + (column * 11));

    /// <summary>X of <paramref name="count"/> images as SVHN stores it: 32 x 32 x 3 x N, column-major.</summary>
    public static byte[] SvhnImages(int count)
    {
        var data = new byte[count * 3072];
        for (var n = 0; n < count; n++)
        {
            for (var ch = 0; ch < 3; ch++)
            {
                for (var c = 0; c < 32; c++)
                {
                    for (var r = 0; r < 32; r++)
                    {
                        data[r + (32 * c) + (1024 * ch) + (3072 * n)] = Pixel(n, ch, r, c);
                    }
                }
            }
        }

        return data;
    }

    /// <summary>A sound SVHN file: X of <paramref name="labels"/>.Length images and y as doubles (N x 1).</summary>
    public MatFileWriter Svhn(double[] labels, bool compress = false) =>
        Variable("X", UInt8Class, [32, 32, 3, labels.Length], MiUInt8, SvhnImages(labels.Length), compress)
            .Variable("y", DoubleClass, [labels.Length, 1], MiDouble, Values(MiDouble, labels), compress);
}
