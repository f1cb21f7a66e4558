using TaxoNN.Runtime.Training;

namespace TaxoNN.Runtime.Tests.Training;

public sealed class KernelWarmUpTests
{
    [Fact]
    public async Task EveryKernelOfEitherPathCompilesOnTheBackgroundThread()
    {
        // Each path has dozens of kernels marked for straight optimisation; compiling one must never fail.
        var fixedPoint = await KernelWarmUp.Start(fixedPoint: true, floatingPoint: false);
        var floatingPoint = await KernelWarmUp.Start(fixedPoint: false, floatingPoint: true);
        var both = await KernelWarmUp.Start(fixedPoint: true, floatingPoint: true);

        Assert.InRange(fixedPoint, 20, 500);
        Assert.InRange(floatingPoint, 20, 500);
        Assert.True(both > Math.Max(fixedPoint, floatingPoint), $"{both} methods for both paths, {fixedPoint} and {floatingPoint} for each");
    }
}
