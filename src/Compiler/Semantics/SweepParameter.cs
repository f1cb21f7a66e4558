namespace TaxoNN.Compiler.Semantics;

/// <summary>What one axis of a sweep varies.</summary>
public enum SweepParameter
{
    /// <summary>The accelerator's rows x columns of PEs.</summary>
    PeArray,

    /// <summary>The accelerator's global buffer, in bytes.</summary>
    GlobalBuffer,

    /// <summary>Each PE's register file, in words, split as the binder splits one total.</summary>
    RegisterFile,

    /// <summary>Words per cycle from the global buffer.</summary>
    GlobalBufferBandwidth,

    /// <summary>Words per cycle from DRAM.</summary>
    DramBandwidth,

    /// <summary>The clock, in Hz.</summary>
    Clock,

    /// <summary>The set-up's learning rate.</summary>
    LearningRate,

    /// <summary>The set-up's batch size.</summary>
    BatchSize,

    /// <summary>The set-up's epochs.</summary>
    Epochs,

    /// <summary>The set-up's seed.</summary>
    Seed,

    /// <summary>The format of some passes of some layers (a width or a whole format).</summary>
    Precision,

    /// <summary>The rounding of some passes of some layers.</summary>
    Rounding,
}
