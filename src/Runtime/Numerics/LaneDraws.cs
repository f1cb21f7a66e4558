using System.Numerics;
using System.Runtime.CompilerServices;

namespace TaxoNN.Runtime.Numerics;

/// <summary>
/// <see cref="CounterRandom.RoundingDraw"/> for consecutive elements, a vector of 32-bit lanes at a time. The caller keeps
/// the counter in a local (a struct holding it would be kept in memory by the JIT, which costs more than the hashing):
/// <c>var counter = Start(first); … bits = High(counter, key); counter += Step;</c> gives lane i of the n-th vector the
/// top half of the draw of element first + n·lanes + i, bit for bit.
/// </summary>
internal static class LaneDraws
{
    /// <summary>0, 1, 2, … in the lanes (the assembly's constant data: no static field, no class initialisation).</summary>
    public static Vector<uint> Indices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Sequence);
    }

    private static ReadOnlySpan<uint> Sequence => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    /// <summary>The amount a counter moves on per vector of 32-bit lanes.</summary>
    public static Vector<uint> Step => new(unchecked((uint)Vector<uint>.Count * CounterRandom.RoundingGamma));

    /// <summary>The counter of the vector whose first lane is element <paramref name="first"/>.</summary>
    /// <remarks>
    /// Inlined and computed from the lane indices rather than read from a static field: kernels compiled straight to
    /// optimised code would otherwise call the static-base helper, and a call in a loop's method makes the register
    /// allocator keep every vector on the stack.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> Start(long first) =>
        new Vector<uint>(unchecked((uint)(first + 1) * CounterRandom.RoundingGamma)) + (Indices * new Vector<uint>(CounterRandom.RoundingGamma));

    /// <summary>The top 32 bits of the draws: all that a rounding dropping at most 32 bits compares.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> High(Vector<uint> counter, ulong key) => Hash(counter + new Vector<uint>(CounterRandom.HighKey(key)));

    /// <summary>
    /// The 64-bit draws of the 32-bit lanes' elements, split as <see cref="Vector.Widen(Vector{uint}, out Vector{ulong}, out Vector{ulong})"/>
    /// splits them, for 64-bit lanes; the bottom halves are computed only when <paramref name="full"/> (a rounding that
    /// drops more than 32 bits), else left zero, which decides the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Wide(Vector<uint> counter, ulong key, bool full, out Vector<ulong> low, out Vector<ulong> high)
    {
        Vector.Widen(High(counter, key), out low, out high);
        low = Vector.ShiftLeft(low, 32);
        high = Vector.ShiftLeft(high, 32);
        if (full)
        {
            Vector.Widen(Hash(counter + new Vector<uint>(CounterRandom.LowKey(key))), out var lowHalves, out var highHalves);
            low |= lowHalves;
            high |= highHalves;
        }
    }

    /// <summary>CounterRandom.Hash32, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<uint> Hash(Vector<uint> h)
    {
        h ^= Vector.ShiftRightLogical(h, 16);
        h *= new Vector<uint>(0x21F0AAADu);
        h ^= Vector.ShiftRightLogical(h, 15);
        h *= new Vector<uint>(0x735A2D97u);
        return h ^ Vector.ShiftRightLogical(h, 15);
    }
}
