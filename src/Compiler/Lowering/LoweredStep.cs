using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Compiler.Lowering;

/// <summary>
/// One SGD step of a training set-up as ops in execution order: the forward pass, the output error, then the
/// backward ops from the last layer to the first. <see cref="Fused"/> says whether error and update share a pass;
/// an <see cref="Inference"/> step has the forward pass only.
/// </summary>
public sealed record LoweredStep(
    TrainingSymbol Training,
    bool Fused,
    int BatchSize,
    FixedFormat LearningRateFormat,
    ImmutableArray<TensorInfo> Tensors,
    ImmutableArray<Op> Ops,
    bool Inference)
{
    private Dictionary<string, TensorInfo>? byName;

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    public TensorInfo Tensor(string name) => (byName ??= Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal))[name];

    /// <summary>
    /// Bytes of the activations kept from the forward pass for the backward pass of one sample (errors are computed
    /// sample by sample, so this is also the peak at any batch size), at each tensor's format.
    /// </summary>
    public long PeakActivationBytes
    {
        get
        {
            var keptForBackward = Ops
                .Where(o => o.Kind is not (OpKind.Forward or OpKind.PoolForward or OpKind.ActivationForward))
                .SelectMany(o => o.Reads)
                .ToHashSet(StringComparer.Ordinal);
            return Tensors.Where(t => t.Role is TensorRole.Input or TensorRole.Activation && keptForBackward.Contains(t.Name)).Sum(t => t.Bytes);
        }
    }
}
