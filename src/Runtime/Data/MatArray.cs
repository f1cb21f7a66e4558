using System.Buffers.Binary;

namespace TaxoNN.Runtime.Data;

/// <summary>One real numeric variable of a MAT-file: its class, its dimensions (column-major) and its raw real part.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="ClassId">The MATLAB array class (mxDOUBLE_CLASS = 6 .. mxUINT64_CLASS = 15).</param>
/// <param name="Dimensions">The sizes, first dimension varying fastest in <paramref name="Data"/>.</param>
/// <param name="DataType">The MAT data type the values are stored in (miUINT8 = 2, miDOUBLE = 9, ...), which may be narrower than the class.</param>
/// <param name="Data">The stored values in the file's byte order.</param>
/// <param name="BigEndian">True when the file was written big-endian.</param>
internal sealed record MatArray(string Name, int ClassId, int[] Dimensions, int DataType, byte[] Data, bool BigEndian)
{
    /// <summary>The number of elements.</summary>
    public long Count => Data.Length / MatFileReader.ElementSize(DataType);

    /// <summary>Element <paramref name="index"/> (column-major) as a double; every stored type converts exactly except 64-bit integers beyond 2^53.</summary>
    public double Value(long index)
    {
        var size = MatFileReader.ElementSize(DataType);
        var bytes = Data.AsSpan((int)(index * size), size);
        return DataType switch
        {
            MatFileReader.MiInt8 => (sbyte)bytes[0],
            MatFileReader.MiUInt8 => bytes[0],
            MatFileReader.MiInt16 => BigEndian ? BinaryPrimitives.ReadInt16BigEndian(bytes) : BinaryPrimitives.ReadInt16LittleEndian(bytes),
            MatFileReader.MiUInt16 => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            MatFileReader.MiInt32 => BigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes),
            MatFileReader.MiUInt32 => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            MatFileReader.MiSingle => BigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes),
            MatFileReader.MiDouble => BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            MatFileReader.MiInt64 => BigEndian ? BinaryPrimitives.ReadInt64BigEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes),
            MatFileReader.MiUInt64 => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            _ => throw new InvalidOperationException($"MAT data type {DataType} is not numeric; the reader should have rejected it."),
        };
    }
}
