using System.Collections.Immutable;

namespace TaxoNN.Compiler.Semantics;

/// <summary>
/// Puts the values of a sweep's axes into its training set-up. A width keeps the integer bits of the format the
/// set-up resolves for that layer and pass (w bits: the fraction bits shrink by the bits taken away); a format replaces
/// it. Where several precision axes cover one pass, the most specific wins (a layer's pass over a layer's 'all' over
/// a pass for every layer over 'all'), as in a precision block.
/// </summary>
public static class SweepApplication
{
    /// <summary>The set-up with <paramref name="values"/> (one per axis of <paramref name="axes"/>) put in.</summary>
    public static TrainingSymbol Apply(TrainingSymbol training, ImmutableArray<SweepAxis> axes, ImmutableArray<SweepValue> values)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (axes.Length != values.Length)
        {
            throw new ArgumentException("One value per axis is needed.", nameof(values));
        }

        var accelerator = training.Accelerator;
        var result = training;
        var precisionAxes = new List<(SweepAxis Axis, SweepValue Value)>();
        for (var i = 0; i < axes.Length; i++)
        {
            var value = values[i];
            switch (axes[i].Parameter)
            {
                case SweepParameter.PeArray:
                    accelerator = accelerator with { Rows = (int)value.Number, Columns = value.Columns };
                    break;
                case SweepParameter.GlobalBuffer:
                    accelerator = accelerator with { GlobalBufferBytes = (long)value.Number };
                    break;
                case SweepParameter.RegisterFile:
                    var total = (int)value.Number;
                    var ifmap = Math.Max(1, total * 12 / 260);
                    var psum = Math.Max(1, total * 24 / 260);
                    accelerator = accelerator with { IfmapSpadWords = ifmap, PsumSpadWords = psum, FilterSpadWords = Math.Max(1, total - ifmap - psum) };
                    break;
                case SweepParameter.GlobalBufferBandwidth:
                    accelerator = accelerator with { GlobalBufferWordsPerCycle = value.Number };
                    break;
                case SweepParameter.DramBandwidth:
                    accelerator = accelerator with { DramWordsPerCycle = value.Number };
                    break;
                case SweepParameter.Clock:
                    accelerator = accelerator with { ClockHz = value.Number };
                    break;
                case SweepParameter.LearningRate:
                    result = result with { LearningRate = value.Number };
                    break;
                case SweepParameter.BatchSize:
                    result = result with { BatchSize = (int)value.Number };
                    break;
                case SweepParameter.Epochs:
                    result = result with { Epochs = (int)value.Number };
                    break;
                case SweepParameter.Seed:
                    result = result with { Seed = (long)value.Number };
                    break;
                default:
                    precisionAxes.Add((axes[i], value));
                    break;
            }
        }

        // Stable: among equally specific axes the later one wins, as the later statement of a block would.
        var ordered = precisionAxes.OrderBy(p => p.Axis.Specificity).ToList();
        var input = training.Input;
        foreach (var (axis, value) in ordered.Where(p => p.Axis.AppliesToInput))
        {
            input = Put(training.Input, input, axis, value);
        }

        var layers = training.Network.Layers;
        var precision = ImmutableArray.CreateBuilder<LayerPrecision>(layers.Length);
        foreach (var layer in layers)
        {
            var own = training.PrecisionOf(layer);
            PassPrecision Resolve(Pass pass)
            {
                var resolved = own[pass];
                foreach (var (axis, value) in ordered.Where(p => p.Axis.Applies(layer.Name, pass)))
                {
                    resolved = Put(own[pass], resolved, axis, value);
                }

                return resolved;
            }

            precision.Add(new LayerPrecision(Resolve(Pass.Forward), Resolve(Pass.Error), Resolve(Pass.WeightGradient), Resolve(Pass.Update)));
        }

        return result with { Accelerator = accelerator, Input = input, Precision = precision.MoveToImmutable() };
    }

    /// <summary>The format a width of <paramref name="wordBits"/> gives in place of <paramref name="original"/>: its integer bits kept.</summary>
    public static FixedFormat Narrow(FixedFormat original, int wordBits) =>
        new(wordBits, original.FractionBits - (original.WordBits - wordBits));

    private static PassPrecision Put(PassPrecision original, PassPrecision current, SweepAxis axis, SweepValue value) =>
        axis.Parameter == SweepParameter.Rounding
            ? current with { Rounding = value.Rounding!.Value }
            : current with { Format = value.Format ?? Narrow(original.Format, (int)value.Number) };
}
