using System.Numerics;
using System.Runtime.CompilerServices;

namespace TaxoNN.Runtime.Numerics;

/// <summary>
/// <see cref="CounterRandom.Draw"/> for consecutive elements, a vector of lanes at a time. The caller keeps the counter
/// in a local (a struct holding it would be kept in memory by the JIT, which costs four times the hashing):
/// <c>var counter = Start(key, first); … bits = Mix(counter); counter += Step;</c> gives lane i of the n-th vector the
/// draw of element first + n·lanes + i, bit for bit.
/// </summary>
internal static class LaneDraws
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>The amount a counter moves on per vector.</summary>
    public static Vector<ulong> Step => new(unchecked((ulong)Vector<ulong>.Count * Gamma));

    /// <summary>The counter of the vector whose first lane is element <paramref name="first"/>.</summary>
    public static Vector<ulong> Start(ulong key, long first)
    {
        Span<ulong> lanes = stackalloc ulong[Vector<ulong>.Count];
        for (var i = 0; i < lanes.Length; i++)
        {
            lanes[i] = unchecked(key + (((ulong)first + (ulong)i + 1) * Gamma));
        }

        return new Vector<ulong>(lanes);
    }

    /// <summary>The draws of the elements a counter stands for (SplitMix64's finaliser, lane by lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<ulong> Mix(Vector<ulong> z)
    {
        z = (z ^ Vector.ShiftRightLogical(z, 30)) * new Vector<ulong>(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector.ShiftRightLogical(z, 27)) * new Vector<ulong>(0x94D049BB133111EBUL);
        return z ^ Vector.ShiftRightLogical(z, 31);
    }
}
