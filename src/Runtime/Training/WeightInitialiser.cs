using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// Seeded initial weights as PyTorch's default initialisation of Conv2d and Linear draws them — weights and biases
/// uniform in ±1/√fan-in — from a counter-based generator keyed by the seed, the layer and the element, so the same
/// seed gives the same weights in the float and the fixed-point path.
/// </summary>
public static class WeightInitialiser
{
    /// <summary>The initial weight (<paramref name="bias"/> false) or bias of one element of <paramref name="layer"/>.</summary>
    public static double Draw(long seed, LayerSymbol layer, bool bias, long element)
    {
        var fanIn = layer.Kind == LayerKind.Conv2d
            ? (double)layer.Input.Channels * layer.Kernel.Height * layer.Kernel.Width
            : layer.Input.Elements;
        var x = unchecked(((ulong)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)layer.Index << 40) ^ ((bias ? 1UL : 0UL) << 32) ^ (ulong)element);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        var uniform = (x >> 11) * (1.0 / (1UL << 53));
        return ((2 * uniform) - 1) / Math.Sqrt(fanIn);
    }
}
