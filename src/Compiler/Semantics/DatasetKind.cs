namespace TaxoNN.Compiler.Semantics;

/// <summary>The data sets a training set-up can read.</summary>
public enum DatasetKind
{
    /// <summary>MNIST handwritten digits (IDX files).</summary>
    Mnist,

    /// <summary>Fashion-MNIST (IDX files).</summary>
    FashionMnist,

    /// <summary>CIFAR-10 (binary batches).</summary>
    Cifar10,

    /// <summary>SVHN (street-view house numbers).</summary>
    Svhn,
}
