namespace TaxoNN.Runtime.Training;

/// <summary>Which code the fixed-point path runs: the plain scalar reference or the vectorised kernels (same bits).</summary>
public enum FixedKernels
{
    /// <summary>Vectorised kernels where every format has at most 16 bits, the scalar reference elsewhere.</summary>
    Vector,

    /// <summary>The plain scalar reference everywhere.</summary>
    Scalar,
}
