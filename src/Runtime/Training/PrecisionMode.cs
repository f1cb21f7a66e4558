namespace TaxoNN.Runtime.Training;

/// <summary>Which arithmetic trains: the set-up's fixed-point formats, or float32 for comparison.</summary>
public enum PrecisionMode
{
    /// <summary>Bit-exact fixed point in the set-up's per-layer, per-pass formats.</summary>
    Fixed,

    /// <summary>float32, op for op the same network.</summary>
    Float,
}
