using TaxoNN.Compiler.Mapping;

namespace TaxoNN.Runtime.Tests.Simulation;

/// <summary>
/// The simulator against the compiler's schedule and the fast path on random small set-ups, and proof that the
/// comparison would catch a timing model that the array does not follow.
/// </summary>
public sealed class RandomAgreementTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomSetUpsAgreeInBitsCyclesAndAccesses(int seed)
    {
        var text = RandomNetworks.Create(seed, out var fuse);

        var difference = Agreement.Check(Agreement.Step(text, fuse), steps: 2);

        Assert.True(difference is null, $"{difference}\n{text}");
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(4, 2)]
    public void ChangingOneTimingConstantInTheCompilerAloneBreaksTheAgreement(int registerFileAccessesPerMac, int fillWordsPerCycle)
    {
        var step = Agreement.Example("lenet5-mnist.taxo");
        var changed = new TimingConstants(registerFileAccessesPerMac, fillWordsPerCycle);

        var difference = Agreement.Check(step, steps: 1, changed);

        Assert.NotNull(difference);
        Assert.Contains("op 0 'c1.forward'", difference, StringComparison.Ordinal);
        Assert.Contains(fillWordsPerCycle == 1 ? "register-file accesses" : "compute cycles", difference, StringComparison.Ordinal);
        Assert.Contains("first differing PE (", difference, StringComparison.Ordinal);
        Assert.Contains("at cycle", difference, StringComparison.Ordinal);
    }
}
