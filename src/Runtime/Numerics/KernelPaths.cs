using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TaxoNN.Runtime.Numerics;

/// <summary>Which kernel paths this process can run, and the one the kernels use by default.</summary>
/// <remarks>
/// The runtime's switches change the answers: on .NET 10 <c>DOTNET_EnableAVX512=0</c> removes the 512-bit path,
/// <c>DOTNET_EnableAVX2=0</c> the 256-bit one, <c>DOTNET_EnableHWIntrinsic=0</c> every vector path. The training
/// kernels use <see cref="System.Numerics.Vector{T}"/>, 256 bits wide by default and 512 with
/// <c>DOTNET_MaxVectorTBitWidth=512</c> where AVX-512 is there; <see cref="Describe"/> reports the width.
/// </remarks>
public static class KernelPaths
{
    /// <summary>The widest path the hardware runs well: 512 bits only where the runtime prefers 512-bit vectors.</summary>
    public static KernelPath Best { get; } =
        IsSupported(KernelPath.Vector512) && Vector512.IsHardwareAccelerated ? KernelPath.Vector512
        : IsSupported(KernelPath.Vector256) && Vector256.IsHardwareAccelerated ? KernelPath.Vector256
        : IsSupported(KernelPath.Vector128) && Vector128.IsHardwareAccelerated ? KernelPath.Vector128
        : KernelPath.Scalar;

    /// <summary>Whether the instructions <paramref name="path"/> needs are available in this process.</summary>
    public static bool IsSupported(KernelPath path) => path switch
    {
        KernelPath.Scalar => true,
        KernelPath.Vector128 => Sse41.IsSupported,
        KernelPath.Vector256 => Avx2.IsSupported,
        KernelPath.Vector512 => Avx512F.IsSupported && Avx512BW.IsSupported,
        _ => false,
    };

    /// <summary>A one-line description of the vector support, for logs and reports.</summary>
    public static string Describe() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"best={Best} Vector512.IsHardwareAccelerated={Vector512.IsHardwareAccelerated} Avx512BW={Avx512BW.IsSupported} " +
        $"Avx2={Avx2.IsSupported} Sse41={Sse41.IsSupported} VectorBytes={System.Numerics.Vector<byte>.Count} " +
        $"VectorAccelerated={System.Numerics.Vector.IsHardwareAccelerated}");
}
