using System.Globalization;
using D = TaxoNN.Language.Diagnostics.DiagnosticDescriptors;

namespace TaxoNN.Language.Diagnostics;

/// <content>
/// Messages of the runtime's data loaders, one method per code. A data file is not a .taxo file, so these are located
/// at the start of an empty source named after the file, and each message names the file again in quotes.
/// </content>
public readonly partial struct DiagnosticBuilder
{
    /// <summary>TAXO5001.</summary>
    public Diagnostic DataFolderMissing(string dataset, string expected) =>
        Make(D.DataFolderMissing, $"The data folder '{Shorten(source.Path, PathLength)}' does not exist; {dataset} is read from a folder that holds {expected}. Fix the data set's 'path' or give --data a folder that exists.");

    /// <summary>TAXO5002.</summary>
    public Diagnostic DataFileMissing(string dataset, string names, string folder, string fetch) =>
        Make(D.DataFileMissing, $"'{DataFileName}' is missing: {dataset} needs {names} in '{Shorten(folder, PathLength)}'. {fetch}");

    /// <summary>TAXO5003.</summary>
    public Diagnostic DataFileUnreadable(string reason) =>
        Make(D.DataFileUnreadable, $"Cannot read '{DataFileName}': {reason} Check that it is a file and that you may read it.");

    /// <summary>TAXO5004.</summary>
    public Diagnostic DataFileTruncated(long available, long needed, string content) =>
        Make(D.DataFileTruncated, $"'{DataFileName}' ends after {Count(available)} bytes of {content}, but needs {Count(needed)}; the file is cut short (an interrupted download?), so fetch it again.");

    /// <summary>TAXO5005.</summary>
    public Diagnostic DataFileTooLong(long expected, string content) =>
        Make(D.DataFileTooLong, $"'{DataFileName}' goes on after the {Count(expected)} bytes of {content} its header describes; it is damaged or not the file it is named after, so fetch it again.");

    /// <summary>TAXO5006.</summary>
    public Diagnostic DataTooLarge(string described, long limit) =>
        Make(D.DataTooLarge, $"'{DataFileName}' describes {described}, more than the {Count(limit)} bytes TaxoNN holds in one array; the header is damaged or the file is not for this data set.");

    /// <summary>TAXO5007.</summary>
    public Diagnostic DataFileEmpty(string dataset) =>
        Make(D.DataFileEmpty, $"'{DataFileName}' holds no images, but {dataset} needs at least one in each split; fetch the file again.");

    /// <summary>TAXO5008.</summary>
    public Diagnostic IdxWrongMagic(uint found, uint expected, string kind) =>
        Make(D.IdxWrongMagic, $"'{DataFileName}' starts with 0x{found:X8}, but an IDX file of {kind} starts with 0x{expected:X8}; check that it is the IDX file of {kind} and not, say, a web page saved by a failed download.");

    /// <summary>TAXO5009.</summary>
    public Diagnostic WrongImageSize(string found, string dataset, string expected) =>
        Make(D.WrongImageSize, $"'{DataFileName}' holds images of {found}, but {dataset} images are {expected}; use the {dataset} files, or declare the data set these files belong to.");

    /// <summary>TAXO5010.</summary>
    public Diagnostic ImageLabelCountMismatch(string images, long imageCount, string labels, long labelCount) =>
        Make(D.ImageLabelCountMismatch, $"{Capitalise(images)} holds {Count(imageCount)} images but {labels} holds {Count(labelCount)} labels; use the images and labels of one split of one data set.");

    /// <summary>TAXO5011.</summary>
    public Diagnostic LabelOutOfRange(long index, double value, string range) =>
        Make(D.LabelOutOfRange, $"The label of image {Count(index)} (counting from 0) in '{DataFileName}' is {value.ToString(CultureInfo.InvariantCulture)}, outside {range}; the file is damaged or belongs to another data set.");

    /// <summary>TAXO5012.</summary>
    public Diagnostic CompressedDataCorrupt(string kind, string reason) =>
        Make(D.CompressedDataCorrupt, $"'{DataFileName}' holds {kind} data that cannot be decompressed: {reason} The file is damaged, so fetch it again.");

    /// <summary>TAXO5013.</summary>
    public Diagnostic CifarWrongRecordSize(long length, int record, string hint) =>
        Make(D.CifarWrongRecordSize, $"'{DataFileName}' has {Count(length)} bytes, not a whole number of the {Count(record)}-byte records of CIFAR-10's binary version (1 label byte and 3,072 pixel bytes each){hint}; fetch the binary version of CIFAR-10 again.");

    /// <summary>TAXO5014.</summary>
    public Diagnostic MatNotVersion5(string found) =>
        Make(D.MatNotVersion5, $"'{DataFileName}' is not a MATLAB version 5 MAT-file: {found} Save it in MATLAB with save(..., '-v7') or in Python with scipy.io.savemat.");

    /// <summary>TAXO5015.</summary>
    public Diagnostic MatMalformedElement(long offset, string problem) =>
        Make(D.MatMalformedElement, $"'{DataFileName}' has a malformed data element at byte {Count(offset)}: {problem} The file is damaged, so fetch it again.");

    /// <summary>TAXO5016.</summary>
    public Diagnostic MatVariableMissing(string variable, string what, IReadOnlyCollection<string> found) =>
        Make(D.MatVariableMissing, found.Count == 0
            ? $"'{DataFileName}' has no variable '{variable}' ({what}), nor any other; use the SVHN cropped-digits files train_32x32.mat and test_32x32.mat."
            : $"'{DataFileName}' has no variable '{variable}' ({what}); it has {string.Join(", ", found.Select(f => $"'{Shorten(f)}'"))}. Use the SVHN cropped-digits files train_32x32.mat and test_32x32.mat.");

    /// <summary>TAXO5017.</summary>
    public Diagnostic MatVariableUnsupported(string variable, string found, string expected) =>
        Make(D.MatVariableUnsupported, $"Variable '{variable}' in '{DataFileName}' is {found}, but the loader reads {expected}; save it as {expected}.");

    private string DataFileName => Shorten(Path.GetFileName(source.Path) is { Length: > 0 } name ? name : source.Path, PathLength);

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
