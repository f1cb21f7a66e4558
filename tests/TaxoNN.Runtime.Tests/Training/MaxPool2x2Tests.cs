using TaxoNN.Runtime.Training;

namespace TaxoNN.Runtime.Tests.Training;

public sealed class MaxPool2x2Tests
{
    [Theory]
    [InlineData(3, 28, 28)]
    [InlineData(2, 10, 10)]
    [InlineData(2, 6, 16)]
    [InlineData(1, 4, 38)]
    [InlineData(16, 10, 10)] // rows narrower than a vector
    [InlineData(3, 8, 6)]
    [InlineData(1, 2, 2)]
    public void TheVectorPathFindsTheScalarPathsMaximaAndTheFirstOfEqualValues(int channels, int height, int width)
    {
        var random = new Random(height * width);

        // Few distinct values, so that most windows hold ties.
        var x = Enumerable.Range(0, channels * height * width).Select(_ => random.Next(-2, 3)).ToArray();
        var outputs = channels * (height / 2) * (width / 2);
        var (scalarMaxima, scalarWhere) = (new int[outputs], new int[outputs]);
        var (vectorMaxima, vectorWhere) = (new int[outputs], new int[outputs]);

        MaxPool2x2.Forward(x, channels, height, width, scalarMaxima, scalarWhere, vector: false);
        MaxPool2x2.Forward(x, channels, height, width, vectorMaxima, vectorWhere, vector: true);

        Assert.Equal(scalarMaxima, vectorMaxima);
        Assert.Equal(scalarWhere, vectorWhere);
        for (var i = 0; i < outputs; i++)
        {
            var (ch, oy, ox) = (i / ((height / 2) * (width / 2)), i / (width / 2) % (height / 2), i % (width / 2));
            int[] window = [.. new[] { 0, 1, width, width + 1 }.Select(d => (((ch * height) + (2 * oy)) * width) + (2 * ox) + d)];
            var first = window.First(index => x[index] == window.Max(j => x[j]));
            Assert.Equal(first, vectorWhere[i]);
            Assert.Equal(x[first], vectorMaxima[i]);
        }

        // Back: each window's error at its winner, zero elsewhere, whichever path; the marker shows nothing is left.
        var errors = Enumerable.Range(0, outputs).Select(i => i % 5 == 0 ? 0 : random.Next(-1000, 1000)).ToArray();
        var (scalarBack, vectorBack) = (Enumerable.Repeat(77, x.Length).ToArray(), Enumerable.Repeat(77, x.Length).ToArray());
        MaxPool2x2.Backward(errors, scalarWhere, channels, height, width, scalarBack, vector: false);
        MaxPool2x2.Backward(errors, vectorWhere, channels, height, width, vectorBack, vector: true);
        var expected = new int[x.Length];
        for (var i = 0; i < outputs; i++)
        {
            expected[scalarWhere[i]] = errors[i];
        }

        Assert.Equal(expected, scalarBack);
        Assert.Equal(expected, vectorBack);
    }
}
