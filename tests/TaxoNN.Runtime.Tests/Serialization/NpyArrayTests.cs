using System.Buffers.Binary;
using System.Text;
using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Runtime.Tests.Serialization;

public sealed class NpyArrayTests
{
    public static TheoryData<int[]> Shapes => new() { Array.Empty<int>(), new[] { 0 }, new[] { 5 }, new[] { 2, 3 }, new[] { 2, 0, 3 }, new[] { 2, 1, 3, 2 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryTypeRoundTrips(int[] shape)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        RoundTrip(Enumerable.Range(0, count).Select(i => (byte)(250 + i)).ToArray(), shape, NpyDataType.UInt8);
        RoundTrip(Enumerable.Range(0, count).Select(i => (sbyte)(-128 + i)).ToArray(), shape, NpyDataType.Int8);
        RoundTrip(Enumerable.Range(0, count).Select(i => (short)(short.MinValue + i)).ToArray(), shape, NpyDataType.Int16);
        RoundTrip(Enumerable.Range(0, count).Select(i => int.MaxValue - i).ToArray(), shape, NpyDataType.Int32);
        RoundTrip(Enumerable.Range(0, count).Select(i => long.MinValue + i).ToArray(), shape, NpyDataType.Int64);
        RoundTrip(Enumerable.Range(0, count).Select(i => i == 1 ? float.NaN : -1.5f * i + 1e-30f).ToArray(), shape, NpyDataType.Float32);
        RoundTrip(Enumerable.Range(0, count).Select(i => i == 1 ? double.NegativeInfinity : Math.PI * i).ToArray(), shape, NpyDataType.Float64);
    }

    [Fact]
    public void TheHeaderIsNumPysPaddedTo64Bytes()
    {
        var bytes = NpyArray.Create<float>([1, 2, 3, 4, 5, 6], [2, 3]).ToNpyBytes();
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);

        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.TrimEnd());
        Assert.EndsWith("\n", header, StringComparison.Ordinal);
        Assert.Equal(10 + headerLength + 24, bytes.Length);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 1)]
    [InlineData("{\"shape\": (2,), \"descr\": \"<f4\", \"fortran_order\": False}", 1)]
    [InlineData("{'descr':'<f4','fortran_order':False,'shape':(2L,)}", 2)]
    [InlineData("{ 'descr' : '<f4' ,\n 'fortran_order' : False , 'shape' : ( 2 , ) , }  \n", 3)]
    public void HeadersInAnyVersionAndPythonSpellingAreRead(string header, int version)
    {
        var result = NpyArray.Parse(Npy(header, [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40], version), "a.npy", "a");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal([1f, 2f], result.Value!.ToArray<float>());
        Assert.Equal(new[] { 2 }, result.Value.Shape.ToArray());
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2)}", "'shape' is not a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': [2]}", "'shape' is not a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': False}", "no 'shape'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "the key 'extra'")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}", "gives the key 'descr' twice")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}", "'fortran_order' is not True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}", "negative dimension")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2.0,)}", "not a plain integer")]
    [InlineData("{'descr': '<f4', 'fortran_order': false, 'shape': (2,)}", "the name 'false'")]
    [InlineData("{'descr': '<f4, 'fortran_order': False, 'shape': (2,)}", "expected ',' or '}' in the dict at offset 17")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} junk", "unexpected text after")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)", "expected ',' or '}' in the dict")]
    [InlineData("{1: '<f4'}", "a dict key that is not a string")]
    [InlineData("['<f4']", "not a dict")]
    [InlineData("{'descr': '\\x3cf4', 'fortran_order': False, 'shape': (2,)}", "the escape")]
    [InlineData("{'descr': ((((((((((((((((((1,),),),),),),),),),),),),),),),),),), 'fortran_order': False, 'shape': (2,)}", "nested more than 16 deep")]
    public void MalformedHeadersAreTaxo5052WithTheReason(string header, string reason)
    {
        var result = NpyArray.Parse(Npy(header, new byte[8]), "a.npy", "w");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Null(result.Value);
        Assert.Equal("TAXO5052", diagnostic.Code);
        Assert.Contains(reason, diagnostic.Message, StringComparison.Ordinal);
        Assert.StartsWith("a.npy(1,1): error TAXO5052: The array 'w' in 'a.npy'", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0], "ends after 0 bytes")]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U' }, "before its version")]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 5 }, "before the length of its header")]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 4, 0, 0, 0 }, "version 4.0")]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 1, 0, 0 }, "version 1.1")]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 50, 0, (byte)'{' }, "inside its header")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4 }, "magic")]
    public void TruncatedOrForeignBytesAreTaxo5052(byte[] bytes, string reason)
    {
        var diagnostic = Assert.Single(NpyArray.Parse(bytes, "a.npy", "w").Diagnostics);

        Assert.Equal("TAXO5052", diagnostic.Code);
        Assert.Contains(reason, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AVersion3HeaderThatIsNotUtf8IsTaxo5052()
    {
        var bytes = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)}", new byte[8], version: 3);
        bytes[20] = 0xFF;

        Assert.Contains("not valid UTF-8", Assert.Single(NpyArray.Parse(bytes, "a.npy", "w").Diagnostics).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, "holds 7 data bytes, but its header ('<f4', shape [2]) needs 8")]
    [InlineData(9, "holds 9 data bytes")]
    public void DataOfAnotherSizeThanTheHeaderSaysIsTaxo5053(int dataBytes, string text)
    {
        var diagnostic = Assert.Single(NpyArray.Parse(Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)}", new byte[dataBytes]), "a.npy", "w").Diagnostics);

        Assert.Equal("TAXO5053", diagnostic.Code);
        Assert.Contains(text, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(99999999999999999999999999999999999999999999999999,)")]
    [InlineData("(2147483648, 0)")]
    [InlineData("(65536, 65536)")]
    [InlineData("(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)")]
    public void AnAbsurdShapeIsTaxo5054WithoutAllocating(string shape)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var diagnostic = Assert.Single(NpyArray.Parse(Npy($"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}}}", []), "a.npy", "w").Diagnostics);

        Assert.Equal("TAXO5054", diagnostic.Code);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void AnAbsurdHeaderLengthIsTaxo5054()
    {
        byte[] bytes = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0, 0xFF, 0xFF, 0xFF, 0x7F];

        var diagnostic = Assert.Single(NpyArray.Parse(bytes, "a.npy", "w").Diagnostics);

        Assert.Equal("TAXO5054", diagnostic.Code);
        Assert.Contains("a header of 2147483647 bytes", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FortranOrderIsTaxo5055()
    {
        var diagnostic = Assert.Single(NpyArray.Parse(Npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2)}", new byte[16]), "a.npy", "w").Diagnostics);

        Assert.Equal("TAXO5055", diagnostic.Code);
        Assert.Contains("Fortran", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'>f4'", "'>f4'")]
    [InlineData("'<c8'", "'<c8'")]
    [InlineData("'<U3'", "'<U3'")]
    [InlineData("[('x', '<f4')]", "a structured type")]
    public void OtherTypesAreTaxo5056NamingTheType(string descr, string named)
    {
        var diagnostic = Assert.Single(NpyArray.Parse(Npy($"{{'descr': {descr}, 'fortran_order': False, 'shape': (2,)}}", new byte[8]), "a.npy", "w").Diagnostics);

        Assert.Equal("TAXO5056", diagnostic.Code);
        Assert.Contains(named, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToArrayOfAnotherTypeIsABug() =>
        Assert.Throws<InvalidOperationException>(() => NpyArray.Scalar(1f).ToArray<double>());

    [Fact]
    public void CreateChecksTheShape() =>
        Assert.Throws<ArgumentException>(() => NpyArray.Create<float>([1, 2, 3], [2, 2]));

    /// <summary>A .npy file of <paramref name="header"/> (padded as NumPy pads) and <paramref name="data"/>.</summary>
    internal static byte[] Npy(string header, byte[] data, int version = 1)
    {
        var prefix = version == 1 ? 10 : 12;
        var text = header.PadRight(((prefix + header.Length + 1 + 63) / 64 * 64) - prefix - 1) + "\n";
        var headerBytes = version == 3 ? Encoding.UTF8.GetBytes(text) : Encoding.Latin1.GetBytes(text);
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)version, 0 };
        if (version == 1)
        {
            bytes.AddRange(BitConverter.GetBytes((ushort)headerBytes.Length));
        }
        else
        {
            bytes.AddRange(BitConverter.GetBytes((uint)headerBytes.Length));
        }

        bytes.AddRange(headerBytes);
        bytes.AddRange(data);
        return [.. bytes];
    }

    private static void RoundTrip<T>(T[] values, int[] shape, NpyDataType type)
        where T : unmanaged
    {
        var array = NpyArray.Create<T>(values, shape);
        var result = NpyArray.Parse(array.ToNpyBytes(), "a.npy", "a");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(type, result.Value!.DataType);
        Assert.Equal(shape, result.Value.Shape);
        Assert.Equal(values, result.Value.ToArray<T>());
        Assert.Equal(values.Length, result.Value.Length);
    }
}
