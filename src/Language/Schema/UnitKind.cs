namespace TaxoNN.Language.Schema;

/// <summary>What a unit measures; a setting accepts units of one kind only.</summary>
public enum UnitKind
{
    /// <summary>Storage in bytes (B, KiB, MiB).</summary>
    Bytes,

    /// <summary>Storage in the accelerator's words (words).</summary>
    Words,

    /// <summary>Transfer per clock cycle (words/cycle, B/cycle).</summary>
    Bandwidth,

    /// <summary>Clock frequency (Hz, kHz, MHz, GHz).</summary>
    Frequency,

    /// <summary>Feature size of a technology node (nm, um).</summary>
    Length,

    /// <summary>A width in bits (bits).</summary>
    Bits,

    /// <summary>Energy per access (fJ, pJ, nJ).</summary>
    Energy,

    /// <summary>A difference between two rates, such as misclassifications, in percentage points (pp).</summary>
    PercentagePoints,
}
