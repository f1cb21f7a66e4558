namespace TaxoNN.Runtime.Numerics;

/// <summary>A counter-based random generator: every draw is a pure function of (seed, step, tensor, element).</summary>
/// <remarks>
/// <para>
/// Stochastic rounding must give the same bits whatever the thread count, the vector width or the order in which
/// the cycle-accurate simulator's PEs visit the elements, and a checkpoint must need only the seed and the step.
/// A shared sequential stream gives none of that, so no draw depends on any other draw.
/// </para>
/// <para>
/// The function: <c>Mix</c> is the 64-bit finaliser of SplitMix64 (Steele, Lea and Flood, "Fast Splittable
/// Pseudorandom Number Generators", OOPSLA 2014; its constants are Stafford's "Mix13" variant of MurmurHash3's
/// fmix64), a bijection on 64-bit words. With γ = 0x9E3779B97F4A7C15 (2^64 divided by the golden ratio, odd):
/// <code>
/// key  = Mix(Mix(Mix(seed) ^ step) ^ tensor)
/// draw = Mix(key + (element + 1)·γ)      (arithmetic mod 2^64)
/// </code>
/// The second line is the element-th output of SplitMix64 started from <c>key</c>, reached directly instead of
/// by stepping. Each line is a bijection in each argument, so for a fixed (seed, step, tensor) no two of the
/// first 2^64 elements share a draw, and changing any one argument alone changes the key.
/// </para>
/// <para>
/// Stochastic rounding draws from <see cref="RoundingDraw"/> instead: two 32-bit halves, each a 32-bit integer hash
/// (Wellons' "lowbias32" from his hash-prospector search: xor-shift 16, multiply, xor-shift 15, multiply, xor-shift
/// 15) of a 32-bit Weyl sequence over the element offset by one half of the key. A rounding that drops at most 32
/// bits decides on the top half alone, so the vector kernels compute one 32-bit hash per element in 32-bit lanes
/// instead of a 64-bit one; elements are array indices, below 2^31, so the Weyl sequence never repeats within a
/// tensor and each half is a bijection of the element.
/// </para>
/// </remarks>
/// <param name="Seed">The training run's seed.</param>
public readonly record struct CounterRandom(ulong Seed)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>The 64 random bits for one element of one tensor at one step.</summary>
    public ulong Next(long step, int tensor, long element) => Draw(Key(step, tensor), element);

    /// <summary>The key of one tensor's draws at one step; hoist it out of a loop over the elements.</summary>
    public ulong Key(long step, int tensor) => Mix(Mix(Mix(Seed) ^ (ulong)step) ^ (ulong)(uint)tensor);

    /// <summary>The 64 random bits for one element under a key from <see cref="Key"/>.</summary>
    public static ulong Draw(ulong key, long element) => Mix(key + (((ulong)element + 1) * Gamma));

    /// <summary>The 64 random bits a stochastic rounding of one element under a key from <see cref="Key"/> compares.</summary>
    public static ulong RoundingDraw(ulong key, long element)
    {
        var counter = unchecked((uint)(element + 1) * RoundingGamma);
        return ((ulong)Hash32(counter + HighKey(key)) << 32) | Hash32(counter + LowKey(key));
    }

    /// <summary>The Weyl increment of the rounding draws: 2^32 divided by the golden ratio, odd.</summary>
    internal const uint RoundingGamma = 0x9E3779B9u;

    /// <summary>What the top half of a rounding draw adds to the element's Weyl term.</summary>
    internal static uint HighKey(ulong key) => (uint)(key >> 32);

    /// <summary>What the bottom half of a rounding draw adds to the element's Weyl term.</summary>
    internal static uint LowKey(ulong key) => (uint)key ^ 0x85EBCA6Bu;

    /// <summary>The 32-bit hash of each half of a rounding draw, a bijection on 32-bit words.</summary>
    internal static uint Hash32(uint h)
    {
        h ^= h >> 16;
        h *= 0x21F0AAADu;
        h ^= h >> 15;
        h *= 0x735A2D97u;
        return h ^ (h >> 15);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
