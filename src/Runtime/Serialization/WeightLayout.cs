using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Serialization;

/// <summary>
/// PyTorch's state_dict names and layouts for a network: a layer's name is its prefix; a conv2d layer 'c1' has
/// 'c1.weight' as [out, in, kh, kw] and, with a bias, 'c1.bias' as [out]; a dense layer 'f5' has 'f5.weight' as
/// [out, in] and 'f5.bias' as [out].
/// </summary>
public static class WeightLayout
{
    /// <summary>The tensors of <paramref name="network"/>, in layer order, each weight before its bias.</summary>
    public static ImmutableArray<TensorSpec> Of(NetworkSymbol network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var specs = ImmutableArray.CreateBuilder<TensorSpec>();
        foreach (var layer in network.Layers)
        {
            ImmutableArray<int> shape;
            switch (layer.Kind)
            {
                case LayerKind.Conv2d:
                    shape = [layer.Units, layer.Input.Channels, layer.Kernel.Height, layer.Kernel.Width];
                    break;
                case LayerKind.Dense:
                    shape = [layer.Units, checked((int)layer.Input.Elements)];
                    break;
                default:
                    continue;
            }

            specs.Add(new TensorSpec(layer.Name + ".weight", layer, IsBias: false, shape));
            if (layer.Bias)
            {
                specs.Add(new TensorSpec(layer.Name + ".bias", layer, IsBias: true, [layer.Units]));
            }
        }

        return specs.ToImmutable();
    }

    /// <summary>Zero-filled weights of <paramref name="network"/>, in the order of <see cref="Of"/>.</summary>
    public static WeightSet Zeros(NetworkSymbol network) =>
        new(Of(network).Select(spec => new WeightTensor(spec.Name, spec.Shape, [.. new float[spec.Elements]])));
}
