namespace TaxoNN.Language.Diagnostics;

/// <content>Codes of the runtime's data loaders (50xx): data files that are missing, damaged or of the wrong shape.</content>
public static partial class DiagnosticDescriptors
{
    /// <summary>TAXO5001.</summary>
    public static readonly DiagnosticDescriptor DataFolderMissing = Error("TAXO5001", "A data folder that does not exist");

    /// <summary>TAXO5002.</summary>
    public static readonly DiagnosticDescriptor DataFileMissing = Error("TAXO5002", "A data file that the data set needs is missing");

    /// <summary>TAXO5003.</summary>
    public static readonly DiagnosticDescriptor DataFileUnreadable = Error("TAXO5003", "A data file that cannot be read");

    /// <summary>TAXO5004.</summary>
    public static readonly DiagnosticDescriptor DataFileTruncated = Error("TAXO5004", "A data file that ends before its data does");

    /// <summary>TAXO5005.</summary>
    public static readonly DiagnosticDescriptor DataFileTooLong = Error("TAXO5005", "A data file with bytes after its data");

    /// <summary>TAXO5006.</summary>
    public static readonly DiagnosticDescriptor DataTooLarge = Error("TAXO5006", "A data file that describes more data than TaxoNN can hold");

    /// <summary>TAXO5007.</summary>
    public static readonly DiagnosticDescriptor DataFileEmpty = Error("TAXO5007", "A data file without any images");

    /// <summary>TAXO5008.</summary>
    public static readonly DiagnosticDescriptor IdxWrongMagic = Error("TAXO5008", "An IDX file with the wrong magic number");

    /// <summary>TAXO5009.</summary>
    public static readonly DiagnosticDescriptor WrongImageSize = Error("TAXO5009", "Images of another size than the data set's");

    /// <summary>TAXO5010.</summary>
    public static readonly DiagnosticDescriptor ImageLabelCountMismatch = Error("TAXO5010", "Different numbers of images and labels");

    /// <summary>TAXO5011.</summary>
    public static readonly DiagnosticDescriptor LabelOutOfRange = Error("TAXO5011", "A label outside the data set's classes");

    /// <summary>TAXO5012.</summary>
    public static readonly DiagnosticDescriptor CompressedDataCorrupt = Error("TAXO5012", "Compressed data that cannot be decompressed");

    /// <summary>TAXO5013.</summary>
    public static readonly DiagnosticDescriptor CifarWrongRecordSize = Error("TAXO5013", "A CIFAR-10 batch whose size is not a whole number of records");

    /// <summary>TAXO5014.</summary>
    public static readonly DiagnosticDescriptor MatNotVersion5 = Error("TAXO5014", "A file that is not a MATLAB version 5 MAT-file");

    /// <summary>TAXO5015.</summary>
    public static readonly DiagnosticDescriptor MatMalformedElement = Error("TAXO5015", "A MAT-file data element whose sizes or types do not fit");

    /// <summary>TAXO5016.</summary>
    public static readonly DiagnosticDescriptor MatVariableMissing = Error("TAXO5016", "A MAT-file without a variable the data set needs");

    /// <summary>TAXO5017.</summary>
    public static readonly DiagnosticDescriptor MatVariableUnsupported = Error("TAXO5017", "A MAT-file variable of a kind the loader does not read");
}
