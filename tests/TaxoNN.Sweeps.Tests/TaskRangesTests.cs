using TaxoNN.Sweeps.Slurm;

namespace TaxoNN.Sweeps.Tests;

/// <summary>Array index lists as sbatch takes them and squeue prints them.</summary>
public sealed class TaskRangesTests
{
    [Theory]
    [InlineData(new int[] { 0, 1, 2, 3 }, "0-3")]
    [InlineData(new int[] { 5, 0, 1, 7, 8, 9, 3 }, "0-1,3,5,7-9")]
    [InlineData(new int[] { 4 }, "4")]
    [InlineData(new int[] { }, "")]
    public void FormatJoinsRuns(int[] tasks, string expected) => Assert.Equal(expected, TaskRanges.Format(tasks));

    [Theory]
    [InlineData("0-3", new int[] { 0, 1, 2, 3 })]
    [InlineData("[0-1,3,5%2]", new int[] { 0, 1, 3, 5 })]
    [InlineData("0-6:3", new int[] { 0, 3, 6 })]
    [InlineData("7", new int[] { 7 })]
    public void ParseReadsListsRangesStepsAndThrottles(string text, int[] expected) => Assert.Equal(expected, TaskRanges.Parse(text));

    [Theory]
    [InlineData("a-b")]
    [InlineData("3-1")]
    [InlineData("1:0")]
    public void ParseRefusesWhatIsNoList(string text) => Assert.Null(TaskRanges.Parse(text));

    [Fact]
    public void FormatAndParseAreInverse()
    {
        var random = new Random(5);
        for (var i = 0; i < 100; i++)
        {
            var tasks = Enumerable.Range(0, 40).Where(_ => random.Next(3) > 0).ToList();
            Assert.Equal(tasks, TaskRanges.Parse(TaskRanges.Format(tasks)));
        }
    }
}
