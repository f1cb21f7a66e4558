using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Training;

internal static partial class FloatKernels
{
    /// <summary>For each 8-bit mask, the lanes whose bit is set, in order, then zeros: the shuffle that packs them.</summary>
    private static readonly int[] PackLanes = CreatePackLanes();

    /// <summary>
    /// Lists the nonzero values of a matrix row by row: row r's entries are <paramref name="start"/>[r] up to
    /// <paramref name="start"/>[r + 1], each with its column and value, in column order. Either zero counts as zero and
    /// NaN as nonzero. The vector path writes up to 8 past the last entry. Returns the number of entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Compact(ReadOnlySpan<float> matrix, int rowLength, Span<int> start, Span<int> column, Span<float> value, bool vector)
    {
        var rows = start.Length - 1;
        if (rows < 0 || matrix.Length < rows * rowLength || column.Length < matrix.Length + Lanes || value.Length < matrix.Length + Lanes)
        {
            throw new ArgumentException("The entry lists lack room for every value and the vector path's slack.", nameof(column));
        }

        if (!(vector && IsVectorised && Avx2.IsSupported))
        {
            return CompactScalar(matrix, rowLength, start, column, value);
        }

        ref var source = ref MemoryMarshal.GetReference(matrix);
        ref var columns = ref MemoryMarshal.GetReference(column);
        ref var values = ref MemoryMarshal.GetReference(value);
        ref var pack = ref MemoryMarshal.GetArrayDataReference(PackLanes);
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            start[r] = n;
            ref var row = ref Unsafe.Add(ref source, r * rowLength);
            var c = 0;
            for (; c + Lanes <= rowLength; c += Lanes)
            {
                var v = Vector256.LoadUnsafe(ref row, (nuint)c);
                var mask = Vector256.ExtractMostSignificantBits(Vector256.Equals(v, Vector256<float>.Zero)) ^ 0xFFu;
                var shuffle = Vector256.LoadUnsafe(ref pack, mask * Lanes);
                Avx2.PermuteVar8x32(v, shuffle).StoreUnsafe(ref values, (nuint)n);
                Avx2.PermuteVar8x32(lanes + Vector256.Create(c), shuffle).StoreUnsafe(ref columns, (nuint)n);
                n += BitOperations.PopCount(mask);
            }

            for (; c < rowLength; c++)
            {
                var v = Unsafe.Add(ref row, c);
                Unsafe.Add(ref columns, n) = c;
                Unsafe.Add(ref values, n) = v;
                n += IsNonzero(v);
            }
        }

        start[rows] = n;
        return n;
    }

    /// <summary>The scalar twin of <see cref="Compact"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CompactScalar(ReadOnlySpan<float> matrix, int rowLength, Span<int> start, Span<int> column, Span<float> value)
    {
        var rows = start.Length - 1;
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            start[r] = n;
            for (var c = 0; c < rowLength; c++)
            {
                var v = matrix[(r * rowLength) + c];
                column[n] = c;
                value[n] = v;
                n += IsNonzero(v);
            }
        }

        start[rows] = n;
        return n;
    }

    /// <summary>dx = y &gt; 0 ? g : 0, the error through a ReLU whose output was y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PassPositive(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dx, bool vector)
    {
        if (y.Length != dx.Length || g.Length != dx.Length)
        {
            throw new ArgumentException("The output, its error and the input error differ in length.", nameof(dx));
        }

        var i = 0;
        if (vector && IsVectorised)
        {
            ref var ys = ref MemoryMarshal.GetReference(y);
            ref var gs = ref MemoryMarshal.GetReference(g);
            ref var ds = ref MemoryMarshal.GetReference(dx);
            for (; i + Lanes <= dx.Length; i += Lanes)
            {
                var positive = Vector256.GreaterThan(Vector256.LoadUnsafe(ref ys, (nuint)i), Vector256<float>.Zero);
                (Vector256.LoadUnsafe(ref gs, (nuint)i) & positive).StoreUnsafe(ref ds, (nuint)i);
            }
        }

        PassPositiveScalar(y[i..], g[i..], dx[i..]);
    }

    /// <summary>The scalar twin of <see cref="PassPositive"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PassPositiveScalar(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dx)
    {
        for (var i = 0; i < dx.Length; i++)
        {
            dx[i] = y[i] > 0 ? g[i] : 0;
        }
    }

    /// <summary>y = max(x, 0), NaN staying NaN and −0 becoming +0, as <see cref="MathF.Max(float, float)"/> has it: a ReLU's forward pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relu(ReadOnlySpan<float> x, Span<float> y, bool vector)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("The input and the output differ in length.", nameof(y));
        }

        var i = 0;
        if (vector && IsVectorised)
        {
            ref var xs = ref MemoryMarshal.GetReference(x);
            ref var ys = ref MemoryMarshal.GetReference(y);
            for (; i + Lanes <= y.Length; i += Lanes)
            {
                Vector256.Max(Vector256.LoadUnsafe(ref xs, (nuint)i), Vector256<float>.Zero).StoreUnsafe(ref ys, (nuint)i);
            }
        }

        ReluScalar(x[i..], y[i..]);
    }

    /// <summary>The scalar twin of <see cref="Relu"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluScalar(ReadOnlySpan<float> x, Span<float> y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = MathF.Max(x[i], 0);
        }
    }

    /// <summary>1 for a nonzero value (NaN included), 0 for either zero, without a branch the data would mispredict.</summary>
    private static int IsNonzero(float value)
    {
        var magnitude = BitConverter.SingleToUInt32Bits(value) << 1;
        return (int)((magnitude | (0u - magnitude)) >> 31);
    }

    private static int[] CreatePackLanes()
    {
        var table = new int[256 * Lanes];
        for (var mask = 0; mask < 256; mask++)
        {
            var n = 0;
            for (var lane = 0; lane < Lanes; lane++)
            {
                if ((mask & (1 << lane)) != 0)
                {
                    table[(mask * Lanes) + n++] = lane;
                }
            }
        }

        return table;
    }
}
