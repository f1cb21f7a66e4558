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

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
