using System.Text;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Serialization;

/// <summary>
/// What identifies the arithmetic of a training run for a checkpoint: "float32" for float mode, otherwise the
/// input's format and every layer's resolved format and rounding of each pass, one line per item.
/// </summary>
public sealed class PrecisionFingerprint
{
    private PrecisionFingerprint(string text, bool isFloat)
    {
        Text = text;
        IsFloat = isFloat;
    }

    /// <summary>The fingerprint of float32 training (<c>--precision float</c>).</summary>
    public static PrecisionFingerprint Float32 { get; } = new("float32\n", isFloat: true);

    /// <summary>Whether the run trains in float32; otherwise in fixed point.</summary>
    public bool IsFloat { get; }

    /// <summary>The fingerprint as text; a checkpoint stores it as UTF-8 bytes.</summary>
    public string Text { get; }

    /// <summary>The fingerprint of fixed-point training as <paramref name="training"/> resolves its precision.</summary>
    public static PrecisionFingerprint Of(TrainingSymbol training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var text = new StringBuilder();
        text.Append("input ").Append(training.Input).Append('\n');
        foreach (var layer in training.Network.Layers)
        {
            var precision = training.PrecisionOf(layer);
            text.Append(layer.Name)
                .Append(": forward ").Append(precision.Forward)
                .Append(", error ").Append(precision.Error)
                .Append(", weight_gradient ").Append(precision.WeightGradient)
                .Append(", update ").Append(precision.Update).Append('\n');
        }

        return new PrecisionFingerprint(text.ToString(), isFloat: false);
    }
}
