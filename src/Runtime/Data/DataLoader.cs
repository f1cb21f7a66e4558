using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Data;

/// <summary>Loads a data set of any kind the language declares from a folder with its standard file names.</summary>
public static class DataLoader
{
    /// <summary>Where Debian's package dataset-fashion-mnist installs the gzipped IDX files.</summary>
    public const string DebianFashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Loads <paramref name="kind"/> from <paramref name="folder"/>; problems come back as diagnostics, never as exceptions.</summary>
    public static LoadedDataset Load(DatasetKind kind, string folder) => kind switch
    {
        DatasetKind.Mnist => IdxLoader.Load(folder, "MNIST", "Run scripts/fetch-mnist.sh to fetch the full set, or point --data at a folder with these files."),
        DatasetKind.FashionMnist => IdxLoader.Load(folder, "Fashion-MNIST", $"Install Debian's package dataset-fashion-mnist and point --data at {DebianFashionMnistFolder}."),
        DatasetKind.Cifar10 => Cifar10Loader.Load(folder),
        DatasetKind.Svhn => SvhnLoader.Load(folder),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A data set kind without a loader."),
    };
}
