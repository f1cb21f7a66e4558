using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Runtime.Tests.Serialization;

public sealed class CheckpointFileTests
{
    [Fact]
    public void AFixedPointCheckpointRoundTrips()
    {
        using var folder = new TempFolder();
        var training = Networks.LeNet5Training;
        var written = Checkpoints.Fixed(training);

        Assert.Empty(CheckpointFile.Write(folder["ck.npz"], written));
        var read = CheckpointFile.Read(folder["ck.npz"], NetworkFingerprint.Of(training.Network), PrecisionFingerprint.Of(training));

        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
        var checkpoint = read.Value!;
        Assert.Equal((12345L, 2, 42L), (checkpoint.Step, checkpoint.Epoch, checkpoint.Seed));
        Assert.Equal(written.DataOrder.ToArray(), checkpoint.DataOrder.ToArray());
        Assert.Null(checkpoint.FloatWeights);
        Assert.Equal(written.FixedWeights.Select(t => t.Name), checkpoint.FixedWeights.Select(t => t.Name));
        Assert.All(written.FixedWeights.Zip(checkpoint.FixedWeights), pair =>
        {
            Assert.Equal(pair.First.Format, pair.Second.Format);
            Assert.Equal(pair.First.Shape.ToArray(), pair.Second.Shape.ToArray());
            Assert.Equal(pair.First.Values.ToArray(), pair.Second.Values.ToArray());
        });
        Assert.Equal(new Compiler.Semantics.FixedFormat(16, 15), checkpoint.FixedWeights[0].Format);
        Assert.Equal(["folder is clean"], folder.Files.Where(f => f != "ck.npz").DefaultIfEmpty("folder is clean"));
    }

    [Fact]
    public void AFloatCheckpointRoundTrips()
    {
        using var folder = new TempFolder();
        var network = Networks.LeNet5;
        var written = Checkpoints.Float(network);

        Assert.Empty(CheckpointFile.Write(folder["ck.npz"], written));
        var read = CheckpointFile.Read(folder["ck.npz"], NetworkFingerprint.Of(network), PrecisionFingerprint.Float32);

        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
        Assert.Equal((7L, 0, -5L), (read.Value!.Step, read.Value.Epoch, read.Value.Seed));
        Assert.Empty(read.Value.FixedWeights);
        Assert.All(written.FloatWeights!.Zip(read.Value.FloatWeights!), pair => Assert.Equal(pair.First.Values.ToArray(), pair.Second.Values.ToArray()));
    }

    [Fact]
    public void TheSameCheckpointGivesTheSameBytes()
    {
        using var folder = new TempFolder();
        var checkpoint = Checkpoints.Fixed(Networks.LeNet5Training);

        CheckpointFile.Write(folder["a.npz"], checkpoint);
        CheckpointFile.Write(folder["b.npz"], checkpoint);

        Assert.Equal(File.ReadAllBytes(folder["a.npz"]), File.ReadAllBytes(folder["b.npz"]));
    }

    [Fact]
    public void NumPyCanInspectACheckpoint()
    {
        using var folder = new TempFolder();
        CheckpointFile.Write(folder["ck.npz"], Checkpoints.Fixed(Networks.LeNet5Training));

        var output = NumPy.Run(
            """
            import sys, numpy
            c = numpy.load(sys.argv[1])
            print(int(c['checkpoint_version']), int(c['step']), int(c['epoch']), int(c['seed']), len(c['data_order']))
            print(c['weights/c1.weight'].dtype, c['weights/c1.weight'].shape, list(c['formats/c1.weight']))
            print(bytes(c['network_fingerprint']).decode().splitlines()[1])
            print(bytes(c['precision_fingerprint']).decode().splitlines()[1])
            """,
            folder["ck.npz"]);

        Assert.Equal(
            [
                "1 12345 2 42 100",
                "int32 (6, 1, 5, 5) [16, 15]",
                "c1: conv2d 1 x 28 x 28 -> 6 x 28 x 28, units 6, kernel 5x5, stride 1x1, padding 2x2, bias on",
                "c1: forward fixed(16, 10) nearest_even, error fixed(16, 15) nearest_even, weight_gradient fixed(16, 14) nearest_even, update fixed(16, 15) stochastic",
            ],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void ACheckpointOfAnotherNetworkSaysWhichLayerDiffers()
    {
        using var folder = new TempFolder();
        var small = Networks.Small("  c1: conv2d(filters: 2, kernel: 5)\n  flat: flatten\n  f2: dense(units: 10)");
        var wider = Networks.Small("  c1: conv2d(filters: 3, kernel: 5)\n  flat: flatten\n  f2: dense(units: 10)");
        CheckpointFile.Write(folder["ck.npz"], Checkpoints.Fixed(small));

        var read = CheckpointFile.Read(folder["ck.npz"], NetworkFingerprint.Of(wider.Network), PrecisionFingerprint.Of(wider));

        Assert.Null(read.Value);
        var diagnostic = Assert.Single(read.Diagnostics);
        Assert.Equal("TAXO5070", diagnostic.Code);
        Assert.Contains("'c1: conv2d 1 x 28 x 28 -> 2 x 24 x 24, units 2,", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("where this run has 'c1: conv2d 1 x 28 x 28 -> 3 x 24 x 24, units 3,", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACheckpointWithAnotherLayerCountSaysWhichLayerIsMissing()
    {
        using var folder = new TempFolder();
        var small = Networks.Small("  flat: flatten\n  f2: dense(units: 10)");
        var deeper = Networks.Small("  flat: flatten\n  f2: dense(units: 10)\n  r2: relu");
        CheckpointFile.Write(folder["ck.npz"], Checkpoints.Fixed(small));

        var diagnostic = Assert.Single(CheckpointFile.Read(folder["ck.npz"], NetworkFingerprint.Of(deeper.Network), PrecisionFingerprint.Of(small)).Diagnostics);

        Assert.Equal("TAXO5070", diagnostic.Code);
        Assert.Contains("this run has the layer 'r2: relu 10 -> 10", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACheckpointOfAnotherPrecisionSaysWhichPassDiffers()
    {
        using var folder = new TempFolder();
        var layers = "  flat: flatten\n  f2: dense(units: 10)";
        var nearest = Networks.Small(layers, "default fixed(16, 12) nearest_even");
        var stochastic = Networks.Small(layers, "default fixed(16, 12) nearest_even\n    update fixed(16, 12) stochastic");
        CheckpointFile.Write(folder["ck.npz"], Checkpoints.Fixed(nearest));

        var diagnostic = Assert.Single(CheckpointFile.Read(folder["ck.npz"], NetworkFingerprint.Of(stochastic.Network), PrecisionFingerprint.Of(stochastic)).Diagnostics);

        Assert.Equal("TAXO5071", diagnostic.Code);
        Assert.Contains("update fixed(16, 12) nearest_even' where this run has", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("update fixed(16, 12) stochastic'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFloatCheckpointResumedInFixedPointIsAPrecisionMismatch()
    {
        using var folder = new TempFolder();
        CheckpointFile.Write(folder["ck.npz"], Checkpoints.Float(Networks.LeNet5));

        var diagnostic = Assert.Single(CheckpointFile.Read(folder["ck.npz"], NetworkFingerprint.Of(Networks.LeNet5), PrecisionFingerprint.Of(Networks.LeNet5Training)).Diagnostics);

        Assert.Equal("TAXO5071", diagnostic.Code);
        Assert.Contains("it is of float32 training, and this run trains in fixed point", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightsThatDoNotMatchTheCheckpointsNetworkAreABug()
    {
        var checkpoint = Checkpoints.Float(Networks.LeNet5) with { FloatWeights = new WeightSet([]) };

        using var folder = new TempFolder();
        Assert.Throws<ArgumentException>(() => CheckpointFile.Write(folder["ck.npz"], checkpoint));
        Assert.Empty(folder.Files);
    }
}
