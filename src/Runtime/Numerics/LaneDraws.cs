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
    private static readonly Vector<uint> LaneOffsets = Offsets();

    /// <summary>The amount a counter moves on per vector of 32-bit lanes.</summary>
    public static Vector<uint> Step => new(unchecked((uint)Vector<uint>.Count * CounterRandom.RoundingGamma));

    /// <summary>The counter of the vector whose first lane is element <paramref name="first"/>.</summary>
    public static Vector<uint> Start(long first) =>
        new Vector<uint>(unchecked((uint)(first + 1) * CounterRandom.RoundingGamma)) + LaneOffsets;

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

    // CounterRandom.Hash32, lane by lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> Hash(Vector<uint> h)
    {
        h ^= Vector.ShiftRightLogical(h, 16);
        h *= new Vector<uint>(0x21F0AAADu);
        h ^= Vector.ShiftRightLogical(h, 15);
        h *= new Vector<uint>(0x735A2D97u);
        return h ^ Vector.ShiftRightLogical(h, 15);
    }

    private static Vector<uint> Offsets()
    {
        Span<uint> lanes = stackalloc uint[Vector<uint>.Count];
        for (var i = 0; i < lanes.Length; i++)
        {
            lanes[i] = unchecked((uint)i * CounterRandom.RoundingGamma);
        }

        return new Vector<uint>(lanes);
    }
}
