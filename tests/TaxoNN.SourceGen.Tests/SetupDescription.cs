using System.Globalization;
using System.Text;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Text;

namespace TaxoNN.SourceGen.Tests;

/// <summary>
/// Every value of a bound set-up as text, locations as file and span: two set-ups are the same when their texts
/// are (records compare their ImmutableArrays and source texts by reference, so Equals cannot tell).
/// </summary>
internal static class SetupDescription
{
    private static readonly SourceLocation Nowhere = new(new SourceText("-", string.Empty), default);

    public static string Of(TrainingSymbol t)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var a = t.Accelerator;
        var n = t.Network;
        Line($"training {t.Name} at {At(t.Location)}, accelerator named at {At(t.AcceleratorReference)}");
        Line($"  data {t.Data.Dataset} '{t.Data.Path}' / {t.Data.Divisor:R} mean [{Join(t.Data.Mean)}] std [{Join(t.Data.Std)}]");
        Line($"  lr {t.LearningRate:R} batch {t.BatchSize} epochs {t.Epochs} seed {t.Seed} shuffle {t.Shuffle} fuse {t.Fuse} input {t.Input}");
        Line($"accelerator {a with { Location = Nowhere }} at {At(a.Location)}");
        Line($"network {n.Name} at {At(n.Location)} input {n.Input} loss {n.Loss}");
        foreach (var layer in n.Layers)
        {
            Line($"  {layer with { Location = Nowhere }} at {At(layer.Location)}; {t.PrecisionOf(layer)}");
        }

        return text.ToString();
    }

    private static string At(SourceLocation location) => $"{location.Source.Path}{location.Span}";

    private static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
