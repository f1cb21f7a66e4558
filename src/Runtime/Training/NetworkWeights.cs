using System.Collections.Immutable;
using TaxoNN.Runtime.Numerics;
using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// Moves a network's weights to and from PyTorch state_dict tensors (<see cref="WeightLayout"/>) and, for the
/// fixed-point path, its raw integers for checkpoints.
/// </summary>
public static class NetworkWeights
{
    /// <summary>
    /// The weights of <paramref name="network"/> as float32 tensors; fixed-point weights of 24 word bits or fewer are
    /// exact in float32, so loading them back gives the same integers.
    /// </summary>
    public static WeightSet Export(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var training = network.Training;
        return new WeightSet(WeightLayout.Of(training.Network).Select(spec =>
        {
            var index = spec.Layer.Index;
            ImmutableArray<float> values;
            if (network is FloatNetwork floats)
            {
                values = [.. spec.IsBias ? floats.Bias(index) : floats.Weights(index)];
            }
            else
            {
                var fixeds = (FixedNetwork)network;
                var format = training.PrecisionOf(spec.Layer).Update.Format;
                var raw = spec.IsBias ? fixeds.Bias(index) : fixeds.Weights(index);
                var builder = ImmutableArray.CreateBuilder<float>(raw.Length);
                foreach (var value in raw)
                {
                    builder.Add((float)FixedPoint.ToDouble(value, format));
                }

                values = builder.MoveToImmutable();
            }

            return new WeightTensor(spec.Name, spec.Shape, values);
        }));
    }

    /// <summary>Sets the weights of <paramref name="network"/> from <paramref name="weights"/> (as <see cref="WeightFile.Read"/> returns them).</summary>
    public static void Import(INetwork network, WeightSet weights)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var layer in network.Training.Network.Layers.Where(l => l.HasWeights))
        {
            var w = weights[layer.Name + ".weight"].Values.AsSpan();
            var b = layer.Bias ? weights[layer.Name + ".bias"].Values.AsSpan() : [];
            if (network is FloatNetwork floats)
            {
                w.CopyTo(floats.Weights(layer.Index));
                b.CopyTo(floats.Bias(layer.Index));
            }
            else
            {
                ((FixedNetwork)network).SetWeights(layer.Index, w, b);
            }
        }
    }

    /// <summary>The raw weights of <paramref name="network"/> with their update formats, for a checkpoint.</summary>
    public static ImmutableArray<FixedTensor> ExportRaw(FixedNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return [.. WeightLayout.Of(network.Training.Network).Select(spec => new FixedTensor(
            spec.Name,
            spec.Shape,
            network.Training.PrecisionOf(spec.Layer).Update.Format,
            [.. spec.IsBias ? network.Bias(spec.Layer.Index) : network.Weights(spec.Layer.Index)]))];
    }

    /// <summary>Sets the raw weights of <paramref name="network"/> from a checkpoint's tensors, which must be in its update formats.</summary>
    public static void ImportRaw(FixedNetwork network, ImmutableArray<FixedTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(network);
        foreach (var tensor in tensors)
        {
            var spec = WeightLayout.Of(network.Training.Network).First(s => s.Name == tensor.Name);
            if (tensor.Format != network.Training.PrecisionOf(spec.Layer).Update.Format)
            {
                throw new ArgumentException($"'{tensor.Name}' is in {tensor.Format}, not in the layer's update format.", nameof(tensors));
            }

            tensor.Values.AsSpan().CopyTo(spec.IsBias ? network.Bias(spec.Layer.Index) : network.Weights(spec.Layer.Index));
        }
    }
}
