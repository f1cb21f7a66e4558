using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;

namespace TaxoNN.Runtime.Tests.Data;

public sealed class InputScalerTests
{
    [Fact]
    public void TheDefaultScalingIsXOver255InFloat()
    {
        var scaler = new InputScaler(255, [0.0], [1.0]);

        for (var x = 0; x < 256; x++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(x / 255f), BitConverter.SingleToInt32Bits(scaler.Scale(0, (byte)x)));
        }
    }

    [Fact]
    public void EachChannelHasItsOwnMeanAndDeviationRoundedAsPyTorchRoundsThem()
    {
        double[] mean = [0.4914, 0.4822, 0.4465];
        double[] std = [0.2470, 0.2435, 0.2616];
        var scaler = new InputScaler(255, mean, std);

        for (var c = 0; c < 3; c++)
        {
            for (var x = 0; x < 256; x++)
            {
                // ToTensor divides in float32; Normalize subtracts and divides by float32 tensors.
                var expected = ((x / 255f) - (float)mean[c]) / (float)std[c];
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(scaler.Scale(c, (byte)x)));
                Assert.Equal(((x / 255.0) - mean[c]) / std[c], scaler.Scale(c, (byte)x), tolerance: 1e-5);
            }
        }
    }

    [Fact]
    public void AnImageIsScaledPlaneByPlane()
    {
        var scaler = new InputScaler(2, [0.0, 1.0], [1.0, 0.5]);
        byte[] image = [0, 2, 4, 0, 2, 4];
        var output = new float[6];

        scaler.Scale(image, output);

        Assert.Equal([0f, 1f, 2f, -2f, 0f, 2f], output);
    }

    [Fact]
    public void ScalesImagesOfADataSetFromItsSpec()
    {
        var spec = new DataSpec(DatasetKind.Mnist, "data/mnist", 255, ImmutableArray.Create(0.1307), ImmutableArray.Create(0.3081));
        var scaler = InputScaler.For(spec);
        var images = new LabeledImages(2, 1, 2, 2, [0, 1, 2, 3, 255, 128, 64, 32], [0, 1]);
        var output = new float[4];

        scaler.Scale(images, 1, output);

        Assert.Equal(1, scaler.Channels);
        Assert.Equal(((255 / 255f) - 0.1307f) / 0.3081f, output[0]);
        Assert.Equal(((32 / 255f) - 0.1307f) / 0.3081f, output[3]);
    }

    [Fact]
    public void ScalingAllocatesNothing()
    {
        var scaler = new InputScaler(255, [0.5, 0.5, 0.5], [0.25, 0.25, 0.25]);
        var image = new byte[3 * 32 * 32];
        var output = new float[image.Length];
        scaler.Scale(image, output);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            scaler.Scale(image, output);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void MisuseIsABugAndThrows()
    {
        var scaler = new InputScaler(255, [0.0, 0.0], [1.0, 1.0]);

        Assert.Throws<ArgumentOutOfRangeException>(() => new InputScaler(0, [0.0], [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InputScaler(255, [0.0], [0.0]));
        Assert.Throws<ArgumentException>(() => new InputScaler(255, [0.0, 0.0], [1.0]));
        Assert.Throws<ArgumentException>(() => scaler.Scale(new byte[3], new float[3]));
        Assert.Throws<ArgumentException>(() => scaler.Scale(new byte[4], new float[2]));
    }
}
