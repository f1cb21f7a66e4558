using TaxoNN.Runtime.Training;

namespace TaxoNN.Runtime.Tests.Training;

/// <summary>
/// Each vector kernel of the float path against its scalar twin on random operands and shapes, tails and slack
/// included: the same bits, or the twin property that lets a run not depend on the machine's vector width is broken.
/// </summary>
public sealed class FloatKernelTests
{
    private const int Cases = 60;

    [Fact]
    public void ScaledAdditionsMatchTheirTwins()
    {
        var random = new Random(1);
        for (var c = 0; c < Cases; c++)
        {
            var length = random.Next(0, 70);
            var x = Values(random, length);
            var start = Values(random, length);
            var scale = (float)random.NextDouble() - 0.5f;
            var vector = (float[])start.Clone();
            var scalar = (float[])start.Clone();
            FloatKernels.AddScaled(scale, x, vector, vector: true);
            FloatKernels.AddScaledScalar(scale, x, scalar);
            Assert.Equal(scalar, vector);

            var rows = random.Next(1, 9);
            var matrix = Values(random, rows * length);
            var picked = Enumerable.Range(0, random.Next(0, 11)).Select(_ => random.Next(rows)).ToArray();
            var scales = Values(random, picked.Length);
            vector = (float[])start.Clone();
            scalar = (float[])start.Clone();
            FloatKernels.AddScaledRows(scales, picked, matrix, vector, vector: true);
            FloatKernels.AddScaledRows(scales, picked, matrix, scalar, vector: false);
            Assert.Equal(scalar, vector);
        }
    }

    [Fact]
    public void DenseProductsMatchTheirTwins()
    {
        var random = new Random(2);
        for (var c = 0; c < Cases; c++)
        {
            int rows = random.Next(1, 11), width = random.Next(1, 70);
            var weights = Values(random, rows * width);
            var x = Values(random, width);
            var bias = random.Next(2) == 0 ? [] : Values(random, rows);
            var vector = new float[rows];
            var scalar = new float[rows];
            FloatKernels.MultiplyRows(weights, x, bias, vector, vector: true);
            FloatKernels.MultiplyRowsScalar(weights, x, bias, scalar);
            Assert.Equal(scalar, vector);
        }
    }

    [Fact]
    public void ConvolutionKernelsMatchTheirTwins()
    {
        var random = new Random(3);
        for (var c = 0; c < Cases; c++)
        {
            var shape = RandomShape(random);
            var slack = FloatKernels.Lanes;
            var padded = Values(random, shape.PaddedElements + slack);
            var vectorPatches = new float[(shape.Positions * shape.Depth) + slack];
            var scalarPatches = new float[vectorPatches.Length];
            FloatKernels.GatherPatches(padded, vectorPatches, shape, vector: true);
            FloatKernels.GatherPatchesScalar(padded, scalarPatches, shape);
            Assert.Equal(scalarPatches.AsSpan(0, shape.Positions * shape.Depth).ToArray(), vectorPatches.AsSpan(0, shape.Positions * shape.Depth).ToArray());

            var channels = random.Next(1, 20);
            var width = (channels + slack - 1) / slack * slack;
            var transposed = Values(random, shape.Depth * width);
            var bias = Values(random, width);
            var vectorProduct = new float[(shape.Positions * width) + slack];
            var scalarProduct = new float[vectorProduct.Length];
            FloatKernels.MultiplyPatchesScalar(scalarPatches, transposed, bias, scalarProduct.AsSpan(0, shape.Positions * width), shape.Depth, width);
            var origins = new int[shape.Positions];
            var offsets = new int[shape.Depth];
            FloatKernels.PatchOrigins(shape, origins);
            FloatKernels.PatchOffsets(shape, offsets);
            FloatKernels.MultiplyWindows(padded, origins, offsets, transposed, bias, vectorProduct.AsSpan(0, shape.Positions * width), width, vector: true);
            Assert.Equal(scalarProduct, vectorProduct);
            var twinProduct = new float[vectorProduct.Length];
            FloatKernels.MultiplyWindowsScalar(padded, origins, offsets, transposed, bias, twinProduct.AsSpan(0, shape.Positions * width), width);
            Assert.Equal(scalarProduct, twinProduct);

            // Gathered patches are a source too: origins p · depth, offsets k.
            var gatheredProduct = new float[vectorProduct.Length];
            var rows = Enumerable.Range(0, shape.Positions).Select(p => p * shape.Depth).ToArray();
            FloatKernels.MultiplyWindows(scalarPatches, rows, Enumerable.Range(0, shape.Depth).ToArray(), transposed, bias, gatheredProduct.AsSpan(0, shape.Positions * width), width, vector: true);
            Assert.Equal(scalarProduct, gatheredProduct);

            var vectorOutput = new float[channels * shape.Positions];
            var scalarOutput = new float[vectorOutput.Length];
            FloatKernels.TransposeToChannels(scalarProduct, vectorOutput, width, channels, vector: true);
            FloatKernels.TransposeToChannelsScalar(scalarProduct, scalarOutput, width, channels);
            Assert.Equal(scalarOutput, vectorOutput);

            var patch = Values(random, shape.Depth + slack);
            var vectorError = Values(random, shape.PaddedElements + slack);
            var scalarError = (float[])vectorError.Clone();
            int oy = random.Next(shape.OutputHeight), ox = random.Next(shape.OutputWidth);
            FloatKernels.ScatterPatch(patch, vectorError, oy, ox, shape, vector: true);
            FloatKernels.ScatterPatchScalar(patch, scalarError, oy, ox, shape);
            Assert.Equal(scalarError, vectorError);
        }
    }

    [Fact]
    public void DirectConvolutionKernelsMatchTheirTwinsAndThePatchProduct()
    {
        var random = new Random(6);
        for (var c = 0; c < Cases; c++)
        {
            var shape = RandomShape(random);
            var slack = FloatKernels.Lanes;
            var padded = Values(random, shape.PaddedElements + slack);
            var patches = new float[(shape.Positions * shape.Depth) + slack];
            FloatKernels.GatherPatchesScalar(padded, patches, shape);
            var channels = random.Next(1, 20);
            var weights = Values(random, channels * shape.Depth);
            var bias = random.Next(2) == 0 ? [] : Values(random, channels);

            // The patch product on the same weights, transposed as the product wants them.
            var width = (channels + slack - 1) / slack * slack;
            var transposed = new float[shape.Depth * width];
            var paddedBias = new float[width];
            for (var m = 0; m < channels; m++)
            {
                for (var k = 0; k < shape.Depth; k++)
                {
                    transposed[(k * width) + m] = weights[(m * shape.Depth) + k];
                }

                paddedBias[m] = bias.Length > 0 ? bias[m] : 0;
            }

            var product = new float[shape.Positions * width];
            FloatKernels.MultiplyPatchesScalar(patches, transposed, paddedBias, product, shape.Depth, width);
            var expected = new float[channels * shape.Positions];
            FloatKernels.TransposeToChannelsScalar(product, expected, width, channels);

            var vector = new float[expected.Length];
            var scalar = new float[expected.Length];
            FloatKernels.ConvolveRows(padded, weights, bias, vector, shape, vector: true);
            FloatKernels.ConvolveRowsScalar(padded, weights, bias, scalar, shape);
            Assert.Equal(expected, scalar);
            Assert.Equal(expected, vector);

            // One channel's weight gradient over a few positions in order, repeats included, from the windows and from the patches.
            var origins = new int[shape.Positions];
            FloatKernels.PatchOrigins(shape, origins);
            var entries = random.Next(0, 2 * shape.Positions);
            var positions = Enumerable.Range(0, entries).Select(_ => random.Next(shape.Positions)).Order().ToArray();
            var values = Values(random, entries).Select(v => v - 0.5f).ToArray();
            var start = Values(random, shape.Depth);
            var fromPatches = (float[])start.Clone();
            FloatKernels.AddScaledRows(values, positions, patches.AsSpan(0, shape.Positions * shape.Depth), fromPatches, vector: false);
            var vectorGradient = (float[])start.Clone();
            var scalarGradient = (float[])start.Clone();
            FloatKernels.AddWindowGradients(values, positions, padded, origins, vectorGradient, shape, vector: true);
            FloatKernels.AddWindowGradientsScalar(values, positions, padded, origins, scalarGradient, shape);
            Assert.Equal(fromPatches, scalarGradient);
            Assert.Equal(fromPatches, vectorGradient);
        }
    }

    [Fact]
    public void PoolingMatchesItsTwin()
    {
        var random = new Random(4);
        for (var c = 0; c < Cases; c++)
        {
            var shape = RandomShape(random);
            (int Height, int Width) padding = (random.Next(0, (shape.KernelHeight / 2) + 1), random.Next(0, (shape.KernelWidth / 2) + 1));
            var average = random.Next(2) == 0;
            var outputs = shape.Channels * shape.Positions;
            var padded = new float[shape.PaddedElements];
            Array.Fill(padded, average ? 0 : float.NegativeInfinity);

            // Repeated values make ties, where the first in window order must win on both paths.
            var inputHeight = shape.PaddedHeight - (2 * padding.Height);
            var inputWidth = shape.PaddedWidth - (2 * padding.Width);
            for (var ch = 0; ch < shape.Channels; ch++)
            {
                for (var y = 0; y < inputHeight; y++)
                {
                    for (var x = 0; x < inputWidth; x++)
                    {
                        padded[(((ch * shape.PaddedHeight) + y + padding.Height) * shape.PaddedWidth) + x + padding.Width] = random.Next(5) - 2;
                    }
                }
            }

            var windows = new int[2 * outputs];
            FloatKernels.PoolWindows(shape, padding, windows);
            float[] vector = new float[outputs], scalar = new float[outputs];
            int[] vectorArgMax = new int[outputs], scalarArgMax = new int[outputs];
            FloatKernels.Pool(padded, vector, vectorArgMax, windows, shape, padding, average, vector: true);
            FloatKernels.PoolScalar(padded, scalar, scalarArgMax, shape, padding, average);
            Assert.Equal(scalar, vector);
            Assert.Equal(scalarArgMax, vectorArgMax);
        }
    }

    [Fact]
    public void CompactionAndTheReluMatchTheirTwins()
    {
        var random = new Random(5);
        for (var c = 0; c < Cases; c++)
        {
            int rows = random.Next(1, 7), length = random.Next(0, 40);
            var matrix = Values(random, rows * length);
            for (var i = 0; i < matrix.Length; i++)
            {
                matrix[i] = random.Next(4) switch { 0 => 0f, 1 => -0f, _ => matrix[i] - 0.5f };
            }

            int[] vectorStart = new int[rows + 1], scalarStart = new int[rows + 1];
            int[] vectorColumn = new int[matrix.Length + FloatKernels.Lanes], scalarColumn = new int[vectorColumn.Length];
            float[] vectorValue = new float[vectorColumn.Length], scalarValue = new float[vectorColumn.Length];
            var count = FloatKernels.Compact(matrix, length, vectorStart, vectorColumn, vectorValue, vector: true);
            Assert.Equal(FloatKernels.CompactScalar(matrix, length, scalarStart, scalarColumn, scalarValue), count);
            Assert.Equal(scalarStart, vectorStart);
            Assert.Equal(scalarColumn.AsSpan(0, count).ToArray(), vectorColumn.AsSpan(0, count).ToArray());
            Assert.Equal(scalarValue.AsSpan(0, count).ToArray(), vectorValue.AsSpan(0, count).ToArray());
            Assert.Equal(matrix.Count(v => v != 0), count);

            var g = Values(random, matrix.Length);
            float[] vector = new float[matrix.Length], scalar = new float[matrix.Length];
            FloatKernels.PassPositive(matrix, g, vector, vector: true);
            FloatKernels.PassPositiveScalar(matrix, g, scalar);
            Assert.Equal(scalar, vector);

            // Either zero and NaN among the inputs: the forward ReLU must treat them alike on both paths.
            if (matrix.Length > 0)
            {
                matrix[0] = float.NaN;
            }

            FloatKernels.Relu(matrix, vector, vector: true);
            FloatKernels.ReluScalar(matrix, scalar);
            Assert.Equal(scalar.Select(BitConverter.SingleToInt32Bits), vector.Select(BitConverter.SingleToInt32Bits));
            Assert.All(vector, v => Assert.True(float.IsNaN(v) || v >= 0));
        }
    }

    private static FloatConvolutionShape RandomShape(Random random)
    {
        int kh = random.Next(1, 6), kw = random.Next(1, 13), sh = random.Next(1, 4), sw = random.Next(1, 3);
        int e = random.Next(1, 12), f = random.Next(1, 20);
        return new FloatConvolutionShape(random.Next(1, 4), ((e - 1) * sh) + kh + random.Next(0, 2), ((f - 1) * sw) + kw + random.Next(0, 2), kh, kw, sh, sw, e, f);
    }

    private static float[] Values(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        return values;
    }
}
