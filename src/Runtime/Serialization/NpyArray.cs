using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Text;

namespace TaxoNN.Runtime.Serialization;

/// <summary>
/// An n-dimensional array as NumPy's .npy format stores it: an element type, a shape (C order) and the elements
/// as little-endian bytes. Immutable; <see cref="ToArray{T}"/> copies the elements out.
/// </summary>
public sealed class NpyArray
{
    private readonly byte[] data;

    private NpyArray(NpyDataType dataType, ImmutableArray<int> shape, byte[] data)
    {
        DataType = dataType;
        Shape = shape;
        this.data = data;
    }

    /// <summary>The element type.</summary>
    public NpyDataType DataType { get; }

    /// <summary>The dimensions, outermost first; empty for a 0-d (scalar) array.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The number of elements: the product of the dimensions, 1 for a 0-d array.</summary>
    public long Length => data.Length / NpyFormat.ItemSize(DataType);

    /// <summary>The elements as little-endian bytes, in C order.</summary>
    public ReadOnlySpan<byte> Bytes => data;

    /// <summary>
    /// Creates an array of <paramref name="values"/> with <paramref name="shape"/>; the element type follows
    /// <typeparamref name="T"/> (byte, sbyte, short, int, long, float or double).
    /// </summary>
    public static NpyArray Create<T>(ReadOnlySpan<T> values, ReadOnlySpan<int> shape)
        where T : unmanaged
    {
        var dataType = DataTypeOf<T>();
        long count = 1;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            count *= dimension;
            if (count > NpyFormat.MaxDataBytes)
            {
                throw new ArgumentException("The shape is larger than an array TaxoNN writes.", nameof(shape));
            }
        }

        if (count != values.Length)
        {
            throw new ArgumentException($"The shape holds {count} elements, but {values.Length} values were given.", nameof(values));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(shape.Length, NpyFormat.MaxDimensions, nameof(shape));
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        ToLittleEndian(bytes, NpyFormat.ItemSize(dataType));
        return new NpyArray(dataType, [.. shape], bytes);
    }

    /// <summary>Creates a 0-d array holding <paramref name="value"/>.</summary>
    public static NpyArray Scalar<T>(T value)
        where T : unmanaged => Create([value], []);

    /// <summary>A copy of the elements; <typeparamref name="T"/> must be the type of <see cref="DataType"/>.</summary>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        if (DataTypeOf<T>() != DataType)
        {
            throw new InvalidOperationException($"The array holds {NpyFormat.PythonName(DataType)}, not {typeof(T).Name}.");
        }

        var bytes = (byte[])data.Clone();
        ToLittleEndian(bytes, NpyFormat.ItemSize(DataType));
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    /// <summary>The .npy file of this array: format version 1.0, C order, the header padded to 64 bytes as NumPy does.</summary>
    public byte[] ToNpyBytes()
    {
        var header = NpyFormat.Header(DataType, Shape);
        var result = new byte[header.Length + data.Length];
        header.CopyTo(result, 0);
        data.CopyTo(result, header.Length);
        return result;
    }

    /// <summary>
    /// Reads the .npy file in <paramref name="bytes"/>; <paramref name="path"/> and <paramref name="name"/> name the
    /// file and the array in diagnostics. A malformed, truncated, Fortran-order, unsupported or absurdly large array
    /// is a diagnostic, never an exception.
    /// </summary>
    public static ReadResult<NpyArray> Parse(ReadOnlySpan<byte> bytes, string path, string name)
    {
        var report = DiagnosticBuilder.ForFile(new SourceText(path, string.Empty));
        if (!NpyFormat.TryReadHeader(bytes, report, name, out var header, out var dataOffset, out var problem))
        {
            return ReadResult<NpyArray>.Failure(problem!);
        }

        var expected = header.ElementCount * NpyFormat.ItemSize(header.DataType);
        var found = bytes.Length - dataOffset;
        if (found != expected)
        {
            return ReadResult<NpyArray>.Failure(report.ArraySizeMismatch(name, found, expected, header.Describe()));
        }

        return ReadResult<NpyArray>.Success(new NpyArray(header.DataType, header.Shape, bytes[dataOffset..].ToArray()));
    }

    internal static NpyDataType DataTypeOf<T>()
        where T : unmanaged =>
        typeof(T) == typeof(float) ? NpyDataType.Float32
        : typeof(T) == typeof(double) ? NpyDataType.Float64
        : typeof(T) == typeof(int) ? NpyDataType.Int32
        : typeof(T) == typeof(long) ? NpyDataType.Int64
        : typeof(T) == typeof(short) ? NpyDataType.Int16
        : typeof(T) == typeof(byte) ? NpyDataType.UInt8
        : typeof(T) == typeof(sbyte) ? NpyDataType.Int8
        : throw new NotSupportedException($"NumPy arrays of {typeof(T).Name} are not supported.");

    // The .npy data is little-endian; on a big-endian machine each element is reversed in place (the operation is
    // its own inverse, so it serves both directions).
    private static void ToLittleEndian(Span<byte> bytes, int itemSize)
    {
        if (BitConverter.IsLittleEndian || itemSize == 1)
        {
            return;
        }

        switch (itemSize)
        {
            case 2:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, short>(bytes), MemoryMarshal.Cast<byte, short>(bytes));
                break;
            case 4:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, int>(bytes), MemoryMarshal.Cast<byte, int>(bytes));
                break;
            default:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, long>(bytes), MemoryMarshal.Cast<byte, long>(bytes));
                break;
        }
    }
}
