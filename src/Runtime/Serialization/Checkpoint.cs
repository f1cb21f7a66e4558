using System.Collections.Immutable;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Runtime.Serialization;

/// <summary>
/// The state a training run needs to continue bit-identically: the weights (float32 in float mode, otherwise the raw
/// fixed-point integers with their formats), the number of SGD steps done, the epoch, the seed (stochastic rounding
/// draws from (seed, step, tensor, element), so no generator state is needed), the order of the training samples
/// in the current epoch, and the fingerprints of the network and the precision that wrote it.
/// Exactly one of <see cref="FloatWeights"/> (when <see cref="Precision"/> is float32) and
/// <see cref="FixedWeights"/> is used.
/// </summary>
public sealed record Checkpoint(
    NetworkFingerprint Network,
    PrecisionFingerprint Precision,
    long Step,
    int Epoch,
    long Seed,
    ImmutableArray<int> DataOrder,
    WeightSet? FloatWeights,
    ImmutableArray<FixedTensor> FixedWeights)
{
    /// <summary>The state of <paramref name="network"/> at <paramref name="position"/>, a batch boundary.</summary>
    public static Checkpoint Capture(INetwork network, TrainingPosition position, NetworkFingerprint networkPrint, PrecisionFingerprint precisionPrint)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(position);
        return new Checkpoint(
            networkPrint,
            precisionPrint,
            position.Samples,
            position.Epoch,
            network.Training.Seed,
            position.Order,
            network is FloatNetwork ? NetworkWeights.Export(network) : null,
            network is FixedNetwork fixedNetwork ? NetworkWeights.ExportRaw(fixedNetwork) : []);
    }

    /// <summary>
    /// Puts the checkpoint's weights (and, in fixed point, the counters that key stochastic rounding) into
    /// <paramref name="network"/> and returns the position to go on from.
    /// </summary>
    public TrainingPosition RestoreInto(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var start = new TrainingPosition(Step, Epoch, DataOrder);
        if (network is FixedNetwork fixedNetwork)
        {
            NetworkWeights.ImportRaw(fixedNetwork, FixedWeights);
            fixedNetwork.RestoreCounters(start.Samples, start.Updates(network.Training.BatchSize));
        }
        else
        {
            NetworkWeights.Import(network, FloatWeights!);
        }

        return start;
    }
}
