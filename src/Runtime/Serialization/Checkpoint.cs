using System.Collections.Immutable;

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
    ImmutableArray<FixedTensor> FixedWeights);
