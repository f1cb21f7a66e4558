using TaxoNN.Compiler;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Mapping;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Runtime.Simulation;
using TaxoNN.Runtime.Training;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.Simulation;

/// <summary>Runs a set-up on the simulator and on the fast path side by side and says where they first differ.</summary>
internal static class Agreement
{
    /// <summary>The set-up of <paramref name="text"/> (with <paramref name="files"/> beside it), compiled without errors.</summary>
    public static LoweredStep Step(string text, bool fuse = true, IReadOnlyDictionary<string, string>? files = null)
    {
        var all = new Dictionary<string, string>(files ?? new Dictionary<string, string>()) { ["main.taxo"] = text };
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(all), fuse: fuse);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return Assert.Single(compilation.RootSteps());
    }

    /// <summary>An example's set-up.</summary>
    public static LoweredStep Example(string file, bool fuse = true)
    {
        var compilation = Compilation.Create([Path.Combine(RepositoryPaths.Examples, file)], fuse: fuse);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return Assert.Single(compilation.RootSteps());
    }

    /// <summary>
    /// Runs <paramref name="steps"/> steps of synthetic samples on the simulator and the fast path; returns the first
    /// disagreement (schedule counts, then weights), or null.
    /// </summary>
    public static string? Check(LoweredStep step, int steps, TimingConstants? constants = null) => Check(step, steps, constants, out _);

    /// <summary>As <see cref="Check(LoweredStep, int, TimingConstants?)"/>; <paramref name="changed"/> counts the weights the steps changed.</summary>
    public static string? Check(LoweredStep step, int steps, TimingConstants? constants, out long changed)
    {
        changed = 0;
        var schedule = Scheduler.Build(step, constants ?? TimingConstants.Default);
        var training = step.Training;
        var (simulator, diagnostics) = Simulator.Create(schedule);
        Assert.True(simulator is not null, string.Join("\n", diagnostics));
        var fast = (FixedNetwork)Trainer.CreateNetwork(training, PrecisionMode.Fixed);
        var batch = step.BatchSize;
        var size = (int)training.Network.Input.Elements;
        var values = new float[batch * size];
        var labels = new int[batch];
        var classes = (int)training.Network.Layers[^1].Output.Elements;
        var initial = training.Network.Layers.Where(l => l.HasWeights).ToDictionary(l => l.Index, l => simulator!.Weights(l.Index).ToArray());
        for (var s = 0; s < steps; s++)
        {
            SyntheticSamples.Fill(training.Seed, (long)s * batch, values, labels, classes);
            var simulated = simulator!.Step(values, labels);
            Assert.True(simulated.Completed, string.Join("\n", simulated.Diagnostics));
            if (ScheduleAgreement.FirstDifference(schedule, simulated) is { } difference)
            {
                return $"step {s}: {difference}";
            }

            for (var b = 0; b < batch; b++)
            {
                fast.Accumulate(values.AsSpan(b * size, size), labels[b]);
            }

            fast.Update();
            foreach (var layer in training.Network.Layers.Where(l => l.HasWeights))
            {
                var index = FirstDifference(fast.Weights(layer.Index), simulator.Weights(layer.Index));
                if (index >= 0)
                {
                    return $"step {s}: weight {index} of '{layer.Name}' is {fast.Weights(layer.Index)[index]} on the fast path but {simulator.Weights(layer.Index)[index]} simulated";
                }

                index = FirstDifference(fast.Bias(layer.Index), simulator.Bias(layer.Index));
                if (index >= 0)
                {
                    return $"step {s}: bias {index} of '{layer.Name}' differs";
                }
            }
        }

        foreach (var (layer, weights) in initial)
        {
            var now = simulator!.Weights(layer);
            for (var i = 0; i < weights.Length; i++)
            {
                changed += weights[i] != now[i] ? 1 : 0;
            }
        }

        return null;
    }

    private static int FirstDifference(Span<int> a, Span<int> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return a.Length == b.Length ? -1 : a.Length;
    }
}
