namespace TaxoNN.Language.Diagnostics;

/// <content>Codes of the runtime's data files: NumPy arrays, weights and checkpoints (TAXO5050 to TAXO5099).</content>
public static partial class DiagnosticDescriptors
{
    /// <summary>TAXO5050.</summary>
    public static readonly DiagnosticDescriptor WeightsFileUnreadable = Error("TAXO5050", "A weights or checkpoint file that cannot be read");

    /// <summary>TAXO5051.</summary>
    public static readonly DiagnosticDescriptor ArchiveCorrupt = Error("TAXO5051", "A truncated or corrupt .npz archive");

    /// <summary>TAXO5052.</summary>
    public static readonly DiagnosticDescriptor ArrayMalformed = Error("TAXO5052", "An array that is not in NumPy's .npy format");

    /// <summary>TAXO5053.</summary>
    public static readonly DiagnosticDescriptor ArraySizeMismatch = Error("TAXO5053", "An array whose data is shorter or longer than its header says");

    /// <summary>TAXO5054.</summary>
    public static readonly DiagnosticDescriptor ArrayTooLarge = Error("TAXO5054", "An array whose header or shape is too large to read");

    /// <summary>TAXO5055.</summary>
    public static readonly DiagnosticDescriptor ArrayFortranOrder = Error("TAXO5055", "An array stored in Fortran order");

    /// <summary>TAXO5056.</summary>
    public static readonly DiagnosticDescriptor ArrayUnsupportedType = Error("TAXO5056", "An array of a data type TaxoNN does not read");

    /// <summary>TAXO5057.</summary>
    public static readonly DiagnosticDescriptor ArchiveDuplicateArray = Error("TAXO5057", "An archive that holds two arrays with one name");

    /// <summary>TAXO5058.</summary>
    public static readonly DiagnosticDescriptor ArchiveEntryNotArray = Error("TAXO5058", "An archive entry that is not a .npy array");

    /// <summary>TAXO5060.</summary>
    public static readonly DiagnosticDescriptor TensorMissing = Error("TAXO5060", "A tensor the network needs is missing");

    /// <summary>TAXO5061.</summary>
    public static readonly DiagnosticDescriptor TensorUnexpected = Error("TAXO5061", "A tensor the network has no place for");

    /// <summary>TAXO5062.</summary>
    public static readonly DiagnosticDescriptor TensorShapeMismatch = Error("TAXO5062", "A tensor whose shape is not the layer's");

    /// <summary>TAXO5063.</summary>
    public static readonly DiagnosticDescriptor TensorTypeMismatch = Error("TAXO5063", "A tensor of the wrong data type");

    /// <summary>TAXO5064.</summary>
    public static readonly DiagnosticDescriptor FixedValueOutOfRange = Error("TAXO5064", "A fixed-point weight outside its format");

    /// <summary>TAXO5070.</summary>
    public static readonly DiagnosticDescriptor CheckpointNetworkMismatch = Error("TAXO5070", "A checkpoint of another network");

    /// <summary>TAXO5071.</summary>
    public static readonly DiagnosticDescriptor CheckpointPrecisionMismatch = Error("TAXO5071", "A checkpoint of another precision");

    /// <summary>TAXO5072.</summary>
    public static readonly DiagnosticDescriptor CheckpointEntryMissing = Error("TAXO5072", "A checkpoint without one of its entries");

    /// <summary>TAXO5073.</summary>
    public static readonly DiagnosticDescriptor CheckpointEntryInvalid = Error("TAXO5073", "A checkpoint entry with an invalid value");

    /// <summary>TAXO5074.</summary>
    public static readonly DiagnosticDescriptor CheckpointVersionUnsupported = Error("TAXO5074", "A checkpoint of a version TaxoNN does not read");

    /// <summary>TAXO5080.</summary>
    public static readonly DiagnosticDescriptor DataFileNotWritten = Error("TAXO5080", "A weights or checkpoint file that cannot be written");
}
