using TaxoNN.Compiler.Semantics;
namespace TaxoNN.Runtime.Numerics;

/// <summary>
/// The scalar narrowings every executor of a training step shares (the fast path's scalar reference and the
/// cycle-accurate simulator's psum exits): one rounding per output, stochastic draws keyed by the tensor's
/// <see cref="Training.RoundingStreams"/> key and the element, then saturation.
/// </summary>
internal static class FixedArithmetic
{
    public static int Narrow(long value, int fraction, PassPrecision precision, ulong key, long element) =>
        FixedPoint.Narrow(value, fraction, precision.Format, precision.Rounding,
            precision.Rounding == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(key, element) : 0);

    public static int FromDouble(double value, PassPrecision precision, ulong key, long element) =>
        FixedPoint.FromDouble(value, precision.Format, precision.Rounding,
            precision.Rounding == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(key, element) : 0);

    // The f′ unit's product g·f′(y) can pass 64 bits: it keeps at most 62 fraction bits and folds the dropped ones into
    // the last kept bit (sticky), which keeps both rounding modes exact.
    public static int NarrowWide(Int128 value, int fraction, PassPrecision precision, ulong key, long element)
    {
        var keep = Math.Max(precision.Format.FractionBits + 2, Math.Min(fraction, 62));
        if (fraction > keep)
        {
            var drop = fraction - keep;
            var dropped = value & ((Int128.One << drop) - 1);
            value = (value >> drop) | (dropped != 0 ? 1 : 0);
            fraction = keep;
        }

        var clamped = value > long.MaxValue ? long.MaxValue : value < long.MinValue ? long.MinValue : (long)value;
        return Narrow(clamped, fraction, precision, key, element);
    }

    /// <summary>
    /// The saturation rule: errors[i] = 0 where outputs[i] sits at an end of <paramref name="format"/>'s range and the
    /// error asks it to go further out (the vector twin is <see cref="LaneNarrowing.ZeroWhereSaturated"/>).
    /// </summary>
    public static void StopOutwardErrors(Span<int> errors, ReadOnlySpan<int> outputs, FixedFormat format)
    {
        int highest = FixedPoint.Max(format.WordBits), lowest = FixedPoint.Min(format.WordBits);
        for (var n = 0; n < errors.Length; n++)
        {
            if ((outputs[n] == highest && errors[n] < 0) || (outputs[n] == lowest && errors[n] > 0))
            {
                errors[n] = 0;
            }
        }
    }

    /// <summary>
    /// A constant of the step (α / B, a pool's 1 / window) as the PE holds it: the raw value and fraction bits of the
    /// compiler's 16-bit constant format (<see cref="Compiler.Lowering.Lowerer.ConstantFormat"/>), rounded to nearest.
    /// </summary>
    public static (long Raw, int FractionBits) Constant(double value)
    {
        var format = Compiler.Lowering.Lowerer.ConstantFormat(value);
        return (FixedPoint.FromDouble(value, format, RoundingMode.NearestEven, 0), format.FractionBits);
    }
}
