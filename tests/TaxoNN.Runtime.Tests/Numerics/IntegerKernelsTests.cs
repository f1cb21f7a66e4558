using System.Numerics;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Tests.Numerics;

/// <summary>Every kernel path this machine supports gives the exact result, the scalar twin's, on awkward inputs.</summary>
public sealed class IntegerKernelsTests
{
    /// <summary>The vector paths this process can run; the scalar twin is the reference they are compared with.</summary>
    public static TheoryData<KernelPath> VectorPaths()
    {
        var data = new TheoryData<KernelPath>();
        foreach (var path in new[] { KernelPath.Vector128, KernelPath.Vector256, KernelPath.Vector512 })
        {
            if (KernelPaths.IsSupported(path))
            {
                data.Add(path);
            }
        }

        // A machine without any vector path still checks the driver's scalar route.
        if (data.Count == 0)
        {
            data.Add(KernelPath.Scalar);
        }

        return data;
    }

    [Fact]
    public void The_default_path_is_supported_and_x64_machines_have_at_least_128_bits()
    {
        Assert.True(KernelPaths.IsSupported(KernelPaths.Best));
        Assert.True(KernelPaths.IsSupported(KernelPath.Scalar));
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            Assert.True(KernelPaths.Best >= KernelPath.Vector256);
        }
    }

    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void Dot16_is_exact_for_every_length_to_300(KernelPath path)
    {
        var random = new Random(16);
        for (var length = 0; length <= 300; length++)
        {
            foreach (var generator in Int16Generators)
            {
                var a = generator(random, length);
                var b = generator(random, length);
                var expected = Reference(a, b);
                Assert.Equal(expected, IntegerKernels.DotScalar(a, b));
                Assert.Equal(expected, IntegerKernels.Dot(a, b, path));
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void Dot16_is_exact_over_many_blocks(KernelPath path)
    {
        // -32768 everywhere: every multiply-add pair is 2^31, the one case pmaddwd wraps; blocks of one.
        var worst = Enumerable.Repeat(short.MinValue, 100_003).ToArray();
        Assert.Equal((BigInteger)100_003 << 30, IntegerKernels.Dot(worst, worst, path));

        // Ten-bit operands give blocks of 2^10 iterations, so 300,000 elements cross several block boundaries.
        var random = new Random(10);
        var a = Enumerable.Range(0, 300_001).Select(_ => (short)random.Next(-1024, 1024)).ToArray();
        var b = Enumerable.Range(0, 300_001).Select(_ => (short)random.Next(-1024, 1024)).ToArray();
        var saturated = Enumerable.Repeat((short)-1024, 300_001).ToArray();
        Assert.Equal(Reference(a, b), IntegerKernels.Dot(a, b, path));
        Assert.Equal(Reference(saturated, saturated), IntegerKernels.Dot(saturated, saturated, path));
        Assert.Equal(Reference(a, saturated), IntegerKernels.Dot(a, saturated, path));
    }

    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void Dot32_is_exact_for_every_length_to_300(KernelPath path)
    {
        var random = new Random(32);
        for (var length = 0; length <= 300; length++)
        {
            foreach (var bits in new[] { 24, 16, 8 })
            {
                var a = Int32s(random, length, bits);
                var b = Int32s(random, length, bits);
                var expected = Reference(a, b);
                Assert.Equal(expected, IntegerKernels.DotScalar(a, b));
                Assert.Equal(expected, IntegerKernels.Dot(a, b, path));
            }

            var lowest = Enumerable.Repeat(-(1 << 23), length).ToArray();
            Assert.Equal(Reference(lowest, lowest), IntegerKernels.Dot(lowest, lowest, path));
        }
    }

    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void Dot32_keeps_intermediate_sums_beyond_64_bits_and_throws_only_when_the_result_does_not_fit(KernelPath path)
    {
        // Products of 2^62 whose running sum passes 2^63 before coming back.
        for (var length = 2; length <= 70; length += 17)
        {
            var a = Enumerable.Repeat(int.MinValue, length * 2).ToArray();
            var b = Enumerable.Range(0, length * 2).Select(i => i < length ? int.MinValue : int.MaxValue).ToArray();
            Assert.Equal(Reference(a, b), IntegerKernels.Dot(a, b, path));
            Assert.Equal(Reference(a, b), IntegerKernels.DotScalar(a, b));
            Assert.Throws<OverflowException>(() => IntegerKernels.Dot(a, a, path));
            Assert.Throws<OverflowException>(() => IntegerKernels.DotScalar(a, a));
        }
    }

    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void MultiplyAccumulate_matches_the_scalar_twin_for_every_length_to_300(KernelPath path)
    {
        var random = new Random(64);
        for (var length = 0; length <= 300; length++)
        {
            foreach (var generator in Int16Generators)
            {
                var x = generator(random, length);
                var scalar = (short)random.Next(short.MinValue, short.MaxValue + 1);
                foreach (var factor in new[] { scalar, short.MinValue, (short)0 })
                {
                    var start = Enumerable.Range(0, length).Select(_ => random.NextInt64(-(1L << 60), 1L << 60)).ToArray();
                    var expected = start.Select((s, i) => s + ((long)factor * x[i])).ToArray();
                    var twin = (long[])start.Clone();
                    var vector = (long[])start.Clone();
                    IntegerKernels.MultiplyAccumulateScalar(twin, factor, x);
                    IntegerKernels.MultiplyAccumulate(vector, factor, x, path);
                    Assert.Equal(expected, twin);
                    Assert.Equal(expected, vector);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void MultiplyAccumulate_throws_instead_of_wrapping(KernelPath path)
    {
        foreach (var index in new[] { 0, 5, 40, 99 })
        {
            var x = Enumerable.Repeat(short.MinValue, 100).ToArray();
            var high = new long[100];
            high[index] = long.MaxValue - 5;
            Assert.Throws<OverflowException>(() => IntegerKernels.MultiplyAccumulate(high, short.MinValue, x, path));
            var low = new long[100];
            low[index] = long.MinValue + 5;
            Assert.Throws<OverflowException>(() => IntegerKernels.MultiplyAccumulate(low, short.MaxValue, x, path));
            low[index] = long.MinValue + 5;
            Assert.Throws<OverflowException>(() => IntegerKernels.MultiplyAccumulateScalar(low, short.MaxValue, x));
        }
    }

    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void MagnitudeBits_finds_the_least_symmetric_power_of_two(KernelPath path)
    {
        foreach (var at in new[] { 0, 37, 99 })
        {
            foreach (var (value, bits) in new (short, int)[] { (0, 0), (-1, 0), (1, 1), (-2, 1), (-3, 2), (2, 2), (32767, 15), (-32768, 15), (-16384, 14), (16384, 15) })
            {
                var x = new short[100];
                x[at] = value;
                Assert.Equal(bits, IntegerKernels.MagnitudeBits<short>(x, path));
                Assert.Equal(bits, IntegerKernels.MagnitudeBits<short>(x, KernelPath.Scalar));
            }
        }

        Assert.Equal(0, IntegerKernels.MagnitudeBits<short>([], path));
        Assert.Equal(31, IntegerKernels.MagnitudeBits<int>([5, int.MinValue, 7], path));
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => IntegerKernels.Dot(new short[3], new short[4]));
        Assert.Throws<ArgumentException>(() => IntegerKernels.Dot(new int[3], new int[2]));
        Assert.Throws<ArgumentException>(() => IntegerKernels.MultiplyAccumulate(new long[3], 1, new short[2]));
    }

    [Fact]
    public void The_public_overloads_agree_with_the_scalar_twins()
    {
        var random = new Random(1);
        var a = Int16s(random, 1000, short.MinValue, short.MaxValue);
        var b = Int16s(random, 1000, short.MinValue, short.MaxValue);
        Assert.Equal(IntegerKernels.DotScalar(a, b), IntegerKernels.Dot(a, b));
        var c = Int32s(random, 1000, 24);
        Assert.Equal(IntegerKernels.DotScalar(c, c), IntegerKernels.Dot(c, c));
    }

    private static readonly Func<Random, int, short[]>[] Int16Generators =
    [
        (random, length) => Int16s(random, length, short.MinValue, short.MaxValue),
        (random, length) => Int16s(random, length, -4096, 4096),
        (random, length) => Int16s(random, length, -2, 1),
        (random, length) => Enumerable.Repeat(short.MinValue, length).ToArray(),
        (random, length) => Enumerable.Range(0, length).Select(i => i % 2 == 0 ? short.MinValue : short.MaxValue).ToArray(),
        (random, length) => Enumerable.Range(0, length).Select(_ => random.Next(3) switch { 0 => short.MinValue, 1 => short.MaxValue, _ => (short)0 }).ToArray(),
    ];

    private static short[] Int16s(Random random, int length, int min, int max) =>
        Enumerable.Range(0, length).Select(_ => (short)random.Next(min, max + 1)).ToArray();

    private static int[] Int32s(Random random, int length, int bits) =>
        Enumerable.Range(0, length).Select(_ => random.Next(-(1 << (bits - 1)), 1 << (bits - 1))).ToArray();

    private static BigInteger Reference(short[] a, short[] b)
    {
        BigInteger sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (BigInteger)a[i] * b[i];
        }

        return sum;
    }

    private static BigInteger Reference(int[] a, int[] b)
    {
        BigInteger sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (BigInteger)a[i] * b[i];
        }

        return sum;
    }
}
