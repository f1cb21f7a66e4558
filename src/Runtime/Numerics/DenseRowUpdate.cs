using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Numerics;

/// <summary>
/// The batch-1 update of one dense weight row in int32 lanes, straight from the row's error g and the layer's input x:
/// dW = narrow(g·x) to the weight-gradient format, then W = narrow(W·2^u − α·dW) to the update format, each with
/// <see cref="FixedPoint.Narrow"/>'s bits (one addition before the shift rounds, specialised per
/// rounding mode so that the loop keeps every constant in a register and tests no mode).
/// </summary>
/// <remarks>
/// It holds for errors and inputs of at most 16 bits where both narrowings drop 1..30 bits, |α| &lt; 2^15 and the
/// gradient and weight words have at most 16 bits (<see cref="Fits"/>): |g·x| ≤ 2^30 and |α·dW| &lt; 2^30 then round
/// with one addition and no int32 overflow, and W + step stays in range before saturation.
/// </remarks>
internal readonly struct DenseRowUpdate
{
    private readonly int gradientShift, updateShift, rate;
    private readonly int gradientMin, gradientMax, updateMin, updateMax;
    private readonly uint gradientKey, updateKey;

    public DenseRowUpdate(int gradientShift, FixedFormat gradient, int updateShift, FixedFormat update, long rate, ulong gradientKey, ulong updateKey)
    {
        this.gradientShift = gradientShift;
        this.updateShift = updateShift;
        this.rate = (int)rate;
        gradientMin = FixedPoint.Min(gradient.WordBits);
        gradientMax = FixedPoint.Max(gradient.WordBits);
        updateMin = FixedPoint.Min(update.WordBits);
        updateMax = FixedPoint.Max(update.WordBits);
        this.gradientKey = CounterRandom.HighKey(gradientKey);
        this.updateKey = CounterRandom.HighKey(updateKey);
    }

    /// <summary>Whether the kernel holds for these shifts and this rate (see the remarks).</summary>
    public static bool Fits(int gradientShift, FixedFormat gradient, int updateShift, FixedFormat update, long rate) =>
        gradientShift is >= 1 and <= 30 && updateShift is >= 1 and <= 30 && Math.Abs(rate) < (1L << 15) &&
        gradient.WordBits <= 16 && update.WordBits <= 16;

    /// <summary>
    /// Updates the weights, one row of <paramref name="x"/>'s length per error, in the rounding modes given; a row
    /// whose error is zero keeps its weights. Returns the largest magnitude among the vectors written. Rows must be at
    /// least one vector long.
    /// </summary>
    public Vector<int> Rows(Span<int> weights, ReadOnlySpan<int> errors, ReadOnlySpan<int> x, RoundingMode gradient, RoundingMode update) =>
        (gradient == RoundingMode.Stochastic, update == RoundingMode.Stochastic) switch
        {
            (false, false) => Rows<NearestEvenRounding, NearestEvenRounding>(weights, errors, x),
            (false, true) => Rows<NearestEvenRounding, StochasticRounding>(weights, errors, x),
            (true, false) => Rows<StochasticRounding, NearestEvenRounding>(weights, errors, x),
            (true, true) => Rows<StochasticRounding, StochasticRounding>(weights, errors, x),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Vector<int> Rows<TGradient, TUpdate>(Span<int> weights, ReadOnlySpan<int> errors, ReadOnlySpan<int> x)
        where TGradient : struct, IRoundingKind
        where TUpdate : struct, IRoundingKind
    {
        var peak = Vector<int>.Zero;
        for (var m = 0; m < errors.Length; m++)
        {
            if (errors[m] != 0)
            {
                peak = Vector.Max(peak, Row<TGradient, TUpdate>(weights.Slice(m * x.Length, x.Length), x, errors[m], (long)m * x.Length));
            }
        }

        return peak;
    }

    // One row (element `first` on) for error g, in whole vectors, the last one overlapping the one before it where the
    // length is not a whole number of vectors (its lanes already done keep their new values).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Vector<int> Row<TGradient, TUpdate>(Span<int> weights, ReadOnlySpan<int> x, int g, long first)
        where TGradient : struct, IRoundingKind
        where TUpdate : struct, IRoundingKind
    {
        var count = Vector<int>.Count;
        var length = weights.Length;
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var input = ref MemoryMarshal.GetReference(x);
        var factor = new Vector<int>(g);
        var negativeRate = new Vector<int>(-rate);
        int gs = gradientShift, us = updateShift;
        var gradientRound = new Vector<int>((1 << (gs - 1)) - 1);
        var updateRound = new Vector<int>((1 << (us - 1)) - 1);
        var gradientMask = new Vector<uint>((1U << gs) - 1);
        var updateMask = new Vector<uint>((1U << us) - 1);
        var gradientLow = new Vector<int>(gradientMin);
        var gradientHigh = new Vector<int>(gradientMax);
        var updateLow = new Vector<int>(updateMin);
        var updateHigh = new Vector<int>(updateMax);
        var gradientDraws = new Vector<uint>(gradientKey);
        var updateDraws = new Vector<uint>(updateKey);
        var step = LaneDraws.Step;
        var counter = LaneDraws.Start(first);
        var peak = Vector<int>.Zero;
        var n = 0;
        for (; n <= length - count; n += count)
        {
            var xs = Vector.LoadUnsafe(ref input, (nuint)n);
            if (!Vector.EqualsAll(xs, Vector<int>.Zero))
            {
                // Zero inputs (ReLU's, pooled) give zero gradients: those weights stay exactly as they are.
                var updated = Lane<TGradient, TUpdate>(Vector.LoadUnsafe(ref w, (nuint)n), factor * xs, counter,
                    negativeRate, gs, us, gradientRound, gradientMask, gradientDraws, gradientLow, gradientHigh, updateRound, updateMask, updateDraws, updateLow, updateHigh);
                peak = Vector.Max(peak, Vector.Abs(updated));
                updated.StoreUnsafe(ref w, (nuint)n);
            }

            counter += step;
        }

        if (n < length)
        {
            // The last vector ends at the row's end; the lanes before n were updated above and keep their values.
            var start = length - count;
            var fresh = Vector.GreaterThanOrEqual(Vector.AsVectorInt32(LaneDraws.Indices) + new Vector<int>(start), new Vector<int>(n));
            var current = Vector.LoadUnsafe(ref w, (nuint)start);
            var updated = Vector.ConditionalSelect(fresh, Lane<TGradient, TUpdate>(current, factor * Vector.LoadUnsafe(ref input, (nuint)start),
                LaneDraws.Start(first + start), negativeRate, gs, us, gradientRound, gradientMask, gradientDraws, gradientLow, gradientHigh, updateRound, updateMask, updateDraws, updateLow, updateHigh), current);
            peak = Vector.Max(peak, Vector.Abs(updated));
            updated.StoreUnsafe(ref w, (nuint)start);
        }

        return peak;
    }

    // One vector of the row: dW = product·2^-gs narrowed to the gradient format (base 0), then W·2^us − α·dW
    // narrowed to the update format with W as the floor's base. Value = q·2^s + r, 0 ≤ r < 2^s: stochastic rounds up iff
    // the draw's top s bits u are below r, iff r + (2^s − 1 − u) ≥ 2^s; nearest-even iff r + 2^(s−1) − 1 + (q odd) ≥ 2^s.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Lane<TGradient, TUpdate>(
        Vector<int> weightsNow, Vector<int> product, Vector<uint> counter, Vector<int> negativeRate, int gs, int us,
        Vector<int> gradientRound, Vector<uint> gradientMask, Vector<uint> gradientDraws, Vector<int> gradientLow, Vector<int> gradientHigh,
        Vector<int> updateRound, Vector<uint> updateMask, Vector<uint> updateDraws, Vector<int> updateLow, Vector<int> updateHigh)
        where TGradient : struct, IRoundingKind
        where TUpdate : struct, IRoundingKind
    {
        var addend = TGradient.Stochastic
            ? Vector.AsVectorInt32(~Vector.ShiftRightLogical(LaneDraws.Hash(counter + gradientDraws), 32 - gs) & gradientMask)
            : gradientRound + (Vector.ShiftRightArithmetic(product, gs) & Vector<int>.One);
        var dw = Vector.Min(Vector.Max(Vector.ShiftRightArithmetic(product + addend, gs), gradientLow), gradientHigh);
        var stepValue = negativeRate * dw;
        addend = TUpdate.Stochastic
            ? Vector.AsVectorInt32(~Vector.ShiftRightLogical(LaneDraws.Hash(counter + updateDraws), 32 - us) & updateMask)
            : updateRound + ((weightsNow + Vector.ShiftRightArithmetic(stepValue, us)) & Vector<int>.One);
        return Vector.Min(Vector.Max(weightsNow + Vector.ShiftRightArithmetic(stepValue + addend, us), updateLow), updateHigh);
    }
}
