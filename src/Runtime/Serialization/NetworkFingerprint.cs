using System.Collections.Immutable;
using System.Text;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Serialization;

/// <summary>
/// What identifies a network for a checkpoint: its input and, per layer, the name, kind, shapes, units, kernel,
/// stride, padding and bias, one line each (the network's own name is left out, so renaming it keeps checkpoints).
/// </summary>
public sealed class NetworkFingerprint
{
    private NetworkFingerprint(NetworkSymbol network, string text)
    {
        Network = network;
        Text = text;
        Tensors = WeightLayout.Of(network);
    }

    /// <summary>The network.</summary>
    public NetworkSymbol Network { get; }

    /// <summary>The fingerprint as text, one line per item; a checkpoint stores it as UTF-8 bytes.</summary>
    public string Text { get; }

    /// <summary>The tensors of the network's weights.</summary>
    public ImmutableArray<TensorSpec> Tensors { get; }

    /// <summary>The fingerprint of <paramref name="network"/>.</summary>
    public static NetworkFingerprint Of(NetworkSymbol network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var text = new StringBuilder();
        text.Append("input ").Append(network.Input).Append('\n');
        foreach (var layer in network.Layers)
        {
            text.Append(layer.Name).Append(": ").Append(TensorChecks.KindName(layer.Kind))
                .Append(' ').Append(layer.Input).Append(" -> ").Append(layer.Output)
                .Append(", units ").Append(layer.Units)
                .Append(", kernel ").Append(layer.Kernel.Height).Append('x').Append(layer.Kernel.Width)
                .Append(", stride ").Append(layer.Stride.Height).Append('x').Append(layer.Stride.Width)
                .Append(", padding ").Append(layer.Padding.Height).Append('x').Append(layer.Padding.Width)
                .Append(", bias ").Append(layer.Bias ? "on" : "off").Append('\n');
        }

        return new NetworkFingerprint(network, text.ToString());
    }
}
