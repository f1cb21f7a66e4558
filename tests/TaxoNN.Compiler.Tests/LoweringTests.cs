using TaxoNN.Compiler.Lowering;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Compiler.Tests;

/// <summary>The order and kinds of the ops of a step: training at batch 1 and B, and inference.</summary>
public sealed class LoweringTests
{
    private static LoweredStep Step(string example, bool fuse = true, bool inference = false) =>
        Compilation.Create([Path.Combine(RepositoryPaths.Examples, example)], fuse: fuse, inference: inference).Steps().Single();

    [Fact]
    public void ATrainingStepIsForwardThenOutputErrorThenBackwardFromTheLastLayer()
    {
        var step = Step("lenet5-mnist.taxo", fuse: false);
        var kinds = step.Ops.Select(o => o.Kind).ToList();
        var outputError = kinds.IndexOf(OpKind.OutputError);

        Assert.All(kinds.Take(outputError), k => Assert.Contains(k, new[] { OpKind.Forward, OpKind.PoolForward, OpKind.ActivationForward }));
        Assert.Equal(["c1", "r1", "s2", "c3", "r3", "s4", "flat", "f5", "r5", "f6", "r6", "f7"], step.Ops.Take(outputError).Select(o => o.Layer!.Name));
        var backwardLayers = step.Ops.Skip(outputError + 1).Select(o => o.Layer!.Index).ToList();
        Assert.Equal(backwardLayers.OrderByDescending(i => i), backwardLayers);

        // The first layer propagates no error into the input; every weighted layer gets a gradient and an update.
        Assert.DoesNotContain(step.Ops, o => o.Kind == OpKind.Error && o.Layer!.Name == "c1");
        foreach (var layer in new[] { "c1", "c3", "f5", "f6", "f7" })
        {
            var gradient = step.Ops.Single(o => o.Kind == OpKind.WeightGradient && o.Layer!.Name == layer);
            var update = step.Ops.Single(o => o.Kind == OpKind.Update && o.Layer!.Name == layer);
            Assert.True(gradient.Index < update.Index);
            Assert.Contains($"{layer}.dW", update.Reads);
            Assert.Equal([$"{layer}.W"], update.Writes.ToArray());
        }

        // The error of a layer is computed before its weights change.
        var c3Error = step.Ops.Single(o => o.Kind == OpKind.Error && o.Layer!.Name == "c3");
        Assert.True(c3Error.Index < step.Ops.Single(o => o.Kind == OpKind.Update && o.Layer!.Name == "c3").Index);
        Assert.Equal(["s2.err"], c3Error.Writes.ToArray());
    }

    [Fact]
    public void AtBatchOneFusionReplacesErrorGradientAndUpdateOfEveryLayerThatPropagatesAnError()
    {
        var step = Step("lenet5-mnist.taxo");
        Assert.True(step.Fused);
        Assert.Equal(["f7", "f6", "f5", "c3"], step.Ops.Where(o => o.Kind == OpKind.FusedErrorUpdate).Select(o => o.Layer!.Name));
        Assert.DoesNotContain(step.Ops, o => o.Kind == OpKind.Error);
        Assert.Equal(["c1"], step.Ops.Where(o => o.Kind == OpKind.Update).Select(o => o.Layer!.Name));
    }

    [Fact]
    public void AtBatchEightGradientsAreSummedPerSampleAndOneUnfusedUpdateRunsPerBatch()
    {
        var step = Step("mlp-mnist.taxo");
        Assert.Equal(8, step.BatchSize);
        Assert.False(step.Fused);
        Assert.All(step.Ops.Where(o => o.Kind != OpKind.Update), o => Assert.Equal(8, o.Samples));
        Assert.All(step.Ops.Where(o => o.Kind == OpKind.Update), o => Assert.Equal(1, o.Samples));
        Assert.All(step.Ops.Where(o => o.Kind == OpKind.WeightGradient), o => Assert.Contains("summed exactly over the batch of 8", o.Note, StringComparison.Ordinal));
        Assert.Equal(Lowerer.ConstantFormat(0.05 / 8), step.LearningRateFormat);
    }

    [Fact]
    public void InferenceKeepsTheForwardPassOnly()
    {
        var training = Step("lenet5-mnist.taxo");
        var inference = Step("lenet5-mnist.taxo", inference: true);

        Assert.True(inference.Inference);
        Assert.All(inference.Ops, o => Assert.Contains(o.Kind, new[] { OpKind.Forward, OpKind.PoolForward, OpKind.ActivationForward }));
        Assert.Equal(training.Ops.Where(o => o.Kind == OpKind.Forward).Sum(o => o.Macs), inference.Ops.Sum(o => o.Macs));
        Assert.Equal(0, inference.PeakActivationBytes);
    }
}
