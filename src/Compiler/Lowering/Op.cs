using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Compiler.Lowering;

/// <summary>
/// One op of a lowered training step. <see cref="Macs"/> counts one sample's multiply-accumulates (exact, closed
/// form; docs/timing-model.md lists the formula of every kind); <see cref="Samples"/> is how often the op runs in one
/// step (the batch size for per-sample ops, 1 for the update). <see cref="Geometry"/> describes conv-like work;
/// <see cref="Rows"/> x <see cref="Columns"/> matrix-vector work (dense); <see cref="Elements"/> element-wise work.
/// <see cref="FanIn"/> and the operand widths give the accumulator width the op needs to be exact.
/// </summary>
public sealed record Op(
    int Index,
    OpKind Kind,
    LayerSymbol? Layer,
    SourceLocation Location,
    ImmutableArray<string> Reads,
    ImmutableArray<string> Writes,
    long Macs,
    int Samples,
    ConvGeometry? Geometry,
    int Rows,
    int Columns,
    long Elements,
    long FanIn,
    int AccumulatorBits,
    string Note)
{
    /// <summary>The op's name in schedules: <c>c3.forward</c>, <c>loss.output_error</c>.</summary>
    public string Name => $"{Layer?.Name ?? "loss"}.{KindName(Kind)}";

    /// <summary>MACs of the whole step: <see cref="Macs"/> times <see cref="Samples"/>.</summary>
    public long StepMacs => Macs * Samples;

    /// <summary>The snake-case name of a kind, as the JSON schedule writes it.</summary>
    public static string KindName(OpKind kind) => kind switch
    {
        OpKind.Forward => "forward",
        OpKind.PoolForward => "pool_forward",
        OpKind.ActivationForward => "activation_forward",
        OpKind.OutputError => "output_error",
        OpKind.Error => "error",
        OpKind.PoolBackward => "pool_backward",
        OpKind.ActivationBackward => "activation_backward",
        OpKind.WeightGradient => "weight_gradient",
        OpKind.Update => "update",
        _ => "fused_error_update",
    };
}
