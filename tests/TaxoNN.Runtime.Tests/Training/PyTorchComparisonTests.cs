using TaxoNN.Compiler;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Serialization;
using TaxoNN.Runtime.Tests.Serialization;
using TaxoNN.Runtime.Training;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.Training;

/// <summary>
/// Ten SGD steps of the LeNet-5 example in float mode agree with PyTorch's autograd (Debian's python3-torch) from the
/// same .npz weights and the same samples, to a relative 1e-5 per tensor. Without PyTorch the test fails and says how
/// to install it.
/// </summary>
public sealed class PyTorchComparisonTests : IDisposable
{
    private const int Steps = 10;
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"taxonn-torch-{Guid.NewGuid():N}");

    public PyTorchComparisonTests() => Directory.CreateDirectory(folder);

    [Fact]
    public void TenStepsOfLeNet5AgreeWithPyTorchsAutograd()
    {
        var training = Compilation.Create([Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")]).Model.Trainings.Single();
        var data = DataLoader.Load(training.Data.Dataset, Path.Combine(RepositoryPaths.Examples, training.Data.Path));
        Assert.True(data.Succeeded);
        var network = (FloatNetwork)Trainer.CreateNetwork(training, PrecisionMode.Float);

        var init = Path.Combine(folder, "init.npz");
        Assert.Empty(WeightFile.Write(init, NetworkWeights.Export(network)));
        var scaler = InputScaler.For(training.Data);
        var pixels = new float[Steps * 784];
        var labels = new long[Steps];
        for (var i = 0; i < Steps; i++)
        {
            scaler.Scale(data.Train!, i, pixels.AsSpan(i * 784, 784));
            labels[i] = data.Train!.Labels[i];
        }

        var samples = Path.Combine(folder, "samples.npz");
        Assert.Empty(new NpzArchive(
        [
            new("x", NpyArray.Create<float>(pixels, [Steps, 1, 28, 28])),
            new("y", NpyArray.Create<long>(labels, [Steps])),
        ]).Write(samples));

        for (var i = 0; i < Steps; i++)
        {
            network.Accumulate(pixels.AsSpan(i * 784, 784), (int)labels[i]);
            network.Update();
        }

        var output = Path.Combine(folder, "torch.npz");
        var script = Path.Combine(RepositoryPaths.Root, "scripts", "pytorch_lenet5_reference.py");
        NumPy.RunWithTorch(script, init, samples, training.LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture), output);

        var reference = WeightFile.Read(output, training.Network);
        Assert.True(reference.Succeeded, string.Join("\n", reference.Diagnostics));
        var ours = NetworkWeights.Export(network);
        var initial = WeightFile.Read(init, training.Network).Value!;
        foreach (var tensor in reference.Value!)
        {
            var mine = ours[tensor.Name].Values;
            double difference = 0, norm = 0, moved = 0;
            for (var i = 0; i < mine.Length; i++)
            {
                difference += Math.Pow(mine[i] - tensor.Values[i], 2);
                norm += Math.Pow(tensor.Values[i], 2);
                moved += Math.Pow(tensor.Values[i] - initial[tensor.Name].Values[i], 2);
            }

            var relative = Math.Sqrt(difference / norm);
            Assert.True(relative < 1e-5, $"'{tensor.Name}' differs from PyTorch by a relative {relative:E2}");
            Assert.True(moved > 0, $"'{tensor.Name}' did not change in ten steps, so the comparison would prove nothing");
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
