using System.Collections.Immutable;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.CostModel;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Sweeps.Search;

/// <summary>
/// Per-layer, per-pass bitwidth search (docs/sweeps.md, "Bitwidth search"). Layers are grouped into stages: a layer
/// with weights and the layers without weights after it (an activation, a pooling), whose formats move together, as
/// the paper's per-layer widths do. Starting from the set-up at a uniform width (its own integer bits kept), the
/// search visits the input and then each stage's forward, error, weight-gradient and update passes in order and
/// finds the fewest bits that keep the misclassification within the budget of float32's by bisection, keeping each
/// choice for the groups after it. Each step is checked by a training, so a group costs about log2(its range of
/// widths) trainings instead of the grid's product over all groups.
/// </summary>
public static class BitwidthSearch
{
    /// <summary>The narrowest width the search tries.</summary>
    public const int MinBits = 4;

    /// <summary>
    /// Searches <paramref name="training"/> starting at <paramref name="startBits"/> everywhere, each trial trained on
    /// <paramref name="limit"/> samples of <paramref name="data"/>; <paramref name="log"/> hears each trial.
    /// </summary>
    public static BitwidthReport Run(TrainingSymbol training, LoadedDataset data, double budget, long? limit, int startBits, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(data);
        var trials = ImmutableArray.CreateBuilder<BitwidthTrial>();
        double Train(TrainingSymbol setup, PrecisionMode mode)
        {
            var network = Trainer.CreateNetwork(setup, mode);
            return Trainer.Run(setup, network, data.Train!, data.Test!, new TrainingOptions(mode, Limit: limit)).Misclassification;
        }

        var floor = Train(training, PrecisionMode.Float);
        log?.Invoke($"float32: misclassification {floor:P2}");
        bool Within(double error) => (error - floor) * 100 <= budget;

        var groups = Groups(training);
        var low = Math.Max(MinBits, Math.Max(2, training.Accelerator.MinPeBits));
        var widths = groups.ToDictionary(g => g.Key, _ => startBits);
        var start = Build(training, groups, widths);
        var startError = Train(start, PrecisionMode.Fixed);
        trials.Add(new BitwidthTrial($"uniform {startBits} bits", startError, Within(startError)));
        log?.Invoke($"uniform {startBits} bits: misclassification {startError:P2}{(Within(startError) ? string.Empty : ", outside the budget")}");
        var current = startError;
        if (Within(startError))
        {
            foreach (var group in groups)
            {
                // Bisection over [low, width]: 'good' is a width known to be within the budget, 'bad' one known not to be.
                int good = widths[group.Key], bad = low - 1;
                while (good - bad > 1)
                {
                    var middle = (good + bad) / 2;
                    var tried = new Dictionary<string, int>(widths) { [group.Key] = middle };
                    var setup = Build(training, groups, tried);
                    if (!Fits(setup))
                    {
                        bad = middle;
                        continue;
                    }

                    var error = Train(setup, PrecisionMode.Fixed);
                    var ok = Within(error);
                    trials.Add(new BitwidthTrial($"{group.Key} at {middle} bits", error, ok));
                    log?.Invoke($"{group.Key} at {middle} bits: misclassification {error:P2}{(ok ? string.Empty : ", outside the budget")}");
                    if (ok)
                    {
                        good = middle;
                        current = error;
                    }
                    else
                    {
                        bad = middle;
                    }
                }

                widths[group.Key] = good;
            }
        }

        var chosen = Build(training, groups, widths);
        var choices = groups.Select(g => new BitwidthChoice(g.Stage, g.Pass, startBits, widths[g.Key], Format(chosen, g).ToString())).ToImmutableArray();
        var cost = SetupCostModel.Compute(Scheduler.Build(Lowerer.Lower(chosen, chosen.Fuse)));
        var grid = groups.Aggregate(1.0, (product, _) => product * (startBits - low + 1));
        return new BitwidthReport(budget, floor, startError, current, chosen, choices, trials.ToImmutable(), grid, cost);
    }

    /// <summary>One group of formats: the input, or one pass of a stage's layers.</summary>
    internal sealed record Group(string Stage, string Pass, ImmutableArray<int> Layers, Pass? Which)
    {
        public string Key => Which is null ? "input" : $"{Stage} {Pass}";
    }

    /// <summary>The groups in search order: the input, then each stage's passes.</summary>
    internal static ImmutableArray<Group> Groups(TrainingSymbol training)
    {
        var groups = ImmutableArray.CreateBuilder<Group>();
        groups.Add(new Group("input", "input", [], null));
        var layers = training.Network.Layers;
        var stages = new List<List<LayerSymbol>>();
        foreach (var layer in layers)
        {
            if (layer.HasWeights || stages.Count == 0)
            {
                stages.Add([layer]);
            }
            else
            {
                stages[^1].Add(layer);
            }
        }

        foreach (var stage in stages)
        {
            var name = stage[0].Name;
            var all = stage.Select(l => l.Index).ToImmutableArray();
            groups.Add(new Group(name, "forward", all, Pass.Forward));
            groups.Add(new Group(name, "error", all, Pass.Error));
            if (stage[0].HasWeights)
            {
                groups.Add(new Group(name, "weight_gradient", [stage[0].Index], Pass.WeightGradient));
                groups.Add(new Group(name, "update", [stage[0].Index], Pass.Update));
            }
        }

        return groups.ToImmutable();
    }

    private static TrainingSymbol Build(TrainingSymbol training, ImmutableArray<Group> groups, IReadOnlyDictionary<string, int> widths)
    {
        var precision = training.Precision.ToArray();
        var input = training.Input;
        foreach (var group in groups)
        {
            var bits = widths[group.Key];
            if (group.Which is not { } pass)
            {
                input = input with { Format = SweepApplication.Narrow(training.Input.Format, bits) };
                continue;
            }

            foreach (var index in group.Layers)
            {
                var own = training.Precision[index];
                var narrowed = own[pass] with { Format = SweepApplication.Narrow(own[pass].Format, bits) };
                var current = precision[index];
                precision[index] = pass switch
                {
                    Pass.Forward => current with { Forward = narrowed },
                    Pass.Error => current with { Error = narrowed },
                    Pass.WeightGradient => current with { WeightGradient = narrowed },
                    _ => current with { Update = narrowed },
                };
            }
        }

        return training with { Input = input, Precision = [.. precision] };
    }

    private static FixedFormat Format(TrainingSymbol setup, Group group) =>
        group.Which is { } pass ? setup.Precision[group.Layers[0]][pass].Format : setup.Input.Format;

    // A width whose formats leave the fraction range, or whose step would not be exact, is not tried.
    private static bool Fits(TrainingSymbol setup) =>
        setup.Precision.SelectMany(p => new[] { p.Forward, p.Error, p.WeightGradient, p.Update }).Append(setup.Input)
            .All(p => p.Format.FractionBits is >= Compiler.Binding.Binder.MinFractionBits and <= Compiler.Binding.Binder.MaxFractionBits)
        && !Compiler.Checks.AccumulatorCheck.Check(Lowerer.Lower(setup, setup.Fuse)).Any();
}
