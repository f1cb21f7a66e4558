using D = TaxoNN.Language.Diagnostics.DiagnosticDescriptors;

namespace TaxoNN.Language.Diagnostics;

/// <content>Messages about the runtime's data files (NumPy arrays, weights, checkpoints), one method per code.</content>
public readonly partial struct DiagnosticBuilder
{
    private const int TensorNameLength = 80;

    /// <summary>TAXO5050.</summary>
    public Diagnostic WeightsFileUnreadable(string reason) =>
        Make(D.WeightsFileUnreadable, $"Cannot read '{FileName}': {reason}; check the path and that the file can be read.");

    /// <summary>TAXO5051.</summary>
    public Diagnostic ArchiveCorrupt(string reason) =>
        Make(D.ArchiveCorrupt, $"'{FileName}' is not a readable .npz archive ({reason}); the file is truncated, corrupt or not a zip file. Save it again with numpy.savez.");

    /// <summary>TAXO5052.</summary>
    public Diagnostic ArrayMalformed(string array, string reason) =>
        Make(D.ArrayMalformed, $"The array '{Name(array)}' in '{FileName}' is not a valid .npy array: {reason}. Save it again with numpy.save or numpy.savez.");

    /// <summary>TAXO5053.</summary>
    public Diagnostic ArraySizeMismatch(string array, long found, long expected, string header) =>
        Make(D.ArraySizeMismatch, $"The array '{Name(array)}' in '{FileName}' holds {found} data bytes, but its header ({header}) needs {expected}; the file is truncated or corrupt. Save it again.");

    /// <summary>TAXO5054.</summary>
    public Diagnostic ArrayTooLarge(string array, string what, string limit) =>
        Make(D.ArrayTooLarge, $"The array '{Name(array)}' in '{FileName}' has {what}, more than the {limit} TaxoNN reads; the file is corrupt or not meant for TaxoNN.");

    /// <summary>TAXO5055.</summary>
    public Diagnostic ArrayFortranOrder(string array) =>
        Make(D.ArrayFortranOrder, $"The array '{Name(array)}' in '{FileName}' is stored in Fortran (column-major) order, but TaxoNN reads C order only; save 'numpy.ascontiguousarray(a)' instead.");

    /// <summary>TAXO5056.</summary>
    public Diagnostic ArrayUnsupportedType(string array, string descr) =>
        Make(D.ArrayUnsupportedType, $"The array '{Name(array)}' in '{FileName}' has data type '{Name(descr)}', which TaxoNN does not read; convert it to one of '<f4', '<f8', '|u1', '|i1', '<i2', '<i4', '<i8' (little-endian) before saving.");

    /// <summary>TAXO5057.</summary>
    public Diagnostic ArchiveDuplicateArray(string array) =>
        Make(D.ArchiveDuplicateArray, $"'{FileName}' holds two arrays named '{Name(array)}', so it is not clear which one is meant; save the archive again with each name once.");

    /// <summary>TAXO5058.</summary>
    public Diagnostic ArchiveEntryNotArray(string entry) =>
        Make(D.ArchiveEntryNotArray, $"'{FileName}' holds the entry '{Name(entry)}', which is not a .npy array; an .npz archive holds only 'name.npy' entries, as numpy.savez writes them.");

    /// <summary>TAXO5060.</summary>
    public Diagnostic TensorMissing(string tensor, string layer, string kind, string shape) =>
        Make(D.TensorMissing, $"'{FileName}' has no tensor '{Name(tensor)}', which layer '{layer}' ({kind}) needs with shape {shape}; save the model's whole state_dict, and check that the layers in PyTorch have the names of the .taxo file.");

    /// <summary>TAXO5061.</summary>
    public Diagnostic TensorUnexpected(string tensor, string network, IReadOnlyCollection<string> expected) =>
        Make(D.TensorUnexpected, expected.Count == 0
            ? $"'{FileName}' holds the tensor '{Name(tensor)}', but network '{network}' has no weights at all; remove the tensor or use the network it belongs to."
            : $"'{FileName}' holds the tensor '{Name(tensor)}', which network '{network}' has no place for; its tensors are {string.Join(", ", expected.Select(e => $"'{e}'"))}. Remove the tensor or rename the layer to match.");

    /// <summary>TAXO5062.</summary>
    public Diagnostic TensorShapeMismatch(string tensor, string found, string layer, string expected, string layout) =>
        Make(D.TensorShapeMismatch, $"The tensor '{Name(tensor)}' in '{FileName}' has shape {found}, but layer '{layer}' needs {expected} ({layout}); save the weights of the network this .taxo file describes, or change the layer to match.");

    /// <summary>TAXO5063.</summary>
    public Diagnostic TensorTypeMismatch(string tensor, string found, string expected, string fix) =>
        Make(D.TensorTypeMismatch, $"The tensor '{Name(tensor)}' in '{FileName}' is {found}, but it must be {expected}; {fix}.");

    /// <summary>TAXO5064.</summary>
    public Diagnostic FixedValueOutOfRange(string tensor, long index, long value, string format) =>
        Make(D.FixedValueOutOfRange, $"The tensor '{Name(tensor)}' in '{FileName}' holds the integer {value} at flat index {index}, which does not fit its format {format}; the checkpoint is corrupt, resume from another one or start again.");

    /// <summary>TAXO5070.</summary>
    public Diagnostic CheckpointNetworkMismatch(string difference) =>
        Make(D.CheckpointNetworkMismatch, $"The checkpoint '{FileName}' was written for another network: {difference}. Resume with the .taxo file that wrote it, or train from the start without '--resume'.");

    /// <summary>TAXO5071.</summary>
    public Diagnostic CheckpointPrecisionMismatch(string difference) =>
        Make(D.CheckpointPrecisionMismatch, $"The checkpoint '{FileName}' was written with another precision: {difference}. Resume with the formats, rounding and '--precision' that wrote it, or train from the start without '--resume'.");

    /// <summary>TAXO5072.</summary>
    public Diagnostic CheckpointEntryMissing(string entry) =>
        Make(D.CheckpointEntryMissing, $"The checkpoint '{FileName}' has no entry '{Name(entry)}', so it cannot be resumed; it was not written by 'taxo train'. Use another checkpoint or train from the start.");

    /// <summary>TAXO5073.</summary>
    public Diagnostic CheckpointEntryInvalid(string entry, string reason) =>
        Make(D.CheckpointEntryInvalid, $"The entry '{Name(entry)}' of the checkpoint '{FileName}' is invalid: {reason}. The checkpoint is corrupt; use another one or train from the start.");

    /// <summary>TAXO5074.</summary>
    public Diagnostic CheckpointVersionUnsupported(long found, int supported) =>
        Make(D.CheckpointVersionUnsupported, $"The checkpoint '{FileName}' has format version {found}, but this TaxoNN reads version {supported}; resume it with the TaxoNN that wrote it, or train from the start.");

    /// <summary>TAXO5080.</summary>
    public Diagnostic DataFileNotWritten(string reason) =>
        Make(D.DataFileNotWritten, $"Cannot write '{FileName}': {reason}; the previous file, if any, is unchanged. Check that the folder exists and can be written.");

    private string FileName => Shorten(source.Path, PathLength);

    private static string Name(string name) => Shorten(name, TensorNameLength);
}
