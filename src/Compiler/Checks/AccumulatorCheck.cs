using TaxoNN.Compiler.Lowering;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Compiler.Checks;

/// <summary>
/// Checks each op's worst case against the accelerator's accumulator: accumulation is exact only when the widest
/// possible sum (fan-in times the largest product, aligned to the finest fraction) fits. Too narrow is an error that
/// names the op and the width it needs.
/// </summary>
public static class AccumulatorCheck
{
    /// <summary>The diagnostics for <paramref name="step"/>, one per op that does not fit.</summary>
    public static IEnumerable<Diagnostic> Check(LoweredStep step)
    {
        var accelerator = step.Training.Accelerator;
        foreach (var op in step.Ops.Where(o => o.AccumulatorBits > accelerator.AccumulatorBits))
        {
            var reason = op.FanIn > 1 ? $"up to {op.FanIn} terms" : "one term";
            yield return DiagnosticBuilder.ForSpan(op.Location.Source, op.Location.Span)
                .AccumulatorTooNarrow(op.Name, op.AccumulatorBits, $"{reason} in training '{step.Training.Name}'", accelerator.Name, accelerator.AccumulatorBits);
        }
    }
}
