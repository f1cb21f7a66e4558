namespace TaxoNN.Runtime.Serialization;

/// <summary>The element types TaxoNN reads and writes in .npy arrays, all little-endian.</summary>
public enum NpyDataType
{
    /// <summary>Unsigned 8-bit integers, '|u1'.</summary>
    UInt8,

    /// <summary>Signed 8-bit integers, '|i1'.</summary>
    Int8,

    /// <summary>Signed 16-bit integers, '&lt;i2'.</summary>
    Int16,

    /// <summary>Signed 32-bit integers, '&lt;i4'.</summary>
    Int32,

    /// <summary>Signed 64-bit integers, '&lt;i8'.</summary>
    Int64,

    /// <summary>IEEE single precision, '&lt;f4'.</summary>
    Float32,

    /// <summary>IEEE double precision, '&lt;f8'.</summary>
    Float64,
}
