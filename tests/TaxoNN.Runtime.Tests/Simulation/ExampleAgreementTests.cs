namespace TaxoNN.Runtime.Tests.Simulation;

/// <summary>The simulator agrees with the compiler's schedule and the fast path's weights on the examples.</summary>
public sealed class ExampleAgreementTests
{
    [Theory]
    [InlineData("lenet5-mnist.taxo", true, 2)]
    [InlineData("lenet5-mnist.taxo", false, 2)]
    [InlineData("mlp-mnist.taxo", true, 2)]
    [InlineData("lenet-cifar10.taxo", true, 1)]
    [InlineData("lenet-svhn.taxo", true, 1)]
    public void ExampleStepsAgreeInBitsCyclesAndAccesses(string example, bool fuse, int steps)
    {
        var difference = Agreement.Check(Agreement.Example(example, fuse), steps, null, out var changed);

        Assert.Null(difference);
        Assert.True(changed > 0, "The steps changed no weight, so the comparison of weights proved nothing.");
    }
}
