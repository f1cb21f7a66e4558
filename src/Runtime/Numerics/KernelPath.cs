namespace TaxoNN.Runtime.Numerics;

/// <summary>The code path of an integer kernel: plain scalar code or one vector width.</summary>
public enum KernelPath
{
    /// <summary>Plain scalar code, the reference every vector path must match bit for bit.</summary>
    Scalar,

    /// <summary>128-bit vectors (SSE4.1).</summary>
    Vector128,

    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512 F and BW).</summary>
    Vector512,
}
