using TaxoNN.Compiler;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.Data;

/// <summary>The MNIST subset in examples/data/mnist, which lets the LeNet-5 example train without a network.</summary>
public sealed class BundledMnistTests
{
    private static readonly string Example = Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo");

    [Fact]
    public void TheExamplesDataPathFindsTheSubset()
    {
        var data = Compilation.Create([Example]).Steps().Single().Training.Data;

        var result = DataLoader.Load(data.Dataset, Path.Combine(Path.GetDirectoryName(Example)!, data.Path));

        Assert.Equal(DatasetKind.Mnist, data.Dataset);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void ItHoldsTheFirst2000TrainingAnd1000TestImagesOfMnist()
    {
        var result = DataLoader.Load(DatasetKind.Mnist, Path.Combine(RepositoryPaths.Examples, "data", "mnist"));

        var train = result.Train!;
        var test = result.Test!;
        Assert.Equal((2000, 1, 28, 28), (train.Count, train.Channels, train.Height, train.Width));
        Assert.Equal(1000, test.Count);
        Assert.Equal([191, 220, 198, 191, 214, 180, 200, 224, 172, 210], train.LabelHistogram());
        Assert.Equal([85, 126, 116, 107, 110, 87, 87, 99, 89, 94], test.LabelHistogram());
        Assert.Equal(2000, train.LabelHistogram().Sum());
        Assert.Equal(1000, test.LabelHistogram().Sum());

        // MNIST's first training digit is a 5 and its first test digit a 7.
        Assert.Equal([5, 0, 4, 1, 9], train.Labels[..5]);
        Assert.Equal([7, 2, 1, 0, 4], test.Labels[..5]);
    }

    [Fact]
    public void TheReadmeGivesTheFileSizes()
    {
        var folder = Path.Combine(RepositoryPaths.Examples, "data", "mnist");
        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));

        foreach (var file in Directory.GetFiles(folder, "*.gz"))
        {
            var row = readme.Split('\n').Single(line => line.Contains($"`{Path.GetFileName(file)}`", StringComparison.Ordinal));
            Assert.Contains($"| {new FileInfo(file).Length:N0} |", row, StringComparison.Ordinal);
        }

        Assert.Equal(4, Directory.GetFiles(folder, "*.gz").Length);
    }
}
