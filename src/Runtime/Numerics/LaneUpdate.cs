using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Numerics;

/// <summary>
/// One SGD update in int32 lanes: dW = narrow(gradient sum) to the weight-gradient format, then
/// W = narrow(W·2^u − α·dW) to the update format, each with <see cref="FixedPoint.Narrow"/>'s bits. The gradient sum is
/// either a batch-1 dense layer's product g·x, formed here (<see cref="Rows"/>), or an exact sum accumulated over a
/// pass (<see cref="FromSums"/>). One addition before the shift rounds (value = q·2^s + r, 0 ≤ r &lt; 2^s: stochastic
/// rounds up iff the draw's top s bits u are below r, iff r + (2^s − 1 − u) ≥ 2^s; nearest-even iff
/// r + 2^(s−1) − 1 + (q odd) ≥ 2^s), and each rounding mode has its own copy of the loops, so that they keep every
/// constant in a register and test no mode.
/// </summary>
/// <remarks>
/// It holds (<see cref="Fits"/>) for gradient and weight words of at most 16 bits, |α| &lt; 2^15, an update dropping
/// 1..30 bits, and a gradient narrowing dropping 1..30 bits of a product of two 16-bit words (|g·x| ≤ 2^30, so the
/// addition stays in an int32) or 1..32 bits of an exact sum (below 2^61 in magnitude, in 64-bit lanes). Then
/// |α·dW| &lt; 2^30 and W + step stay in an int32 before saturation.
/// </remarks>
internal readonly struct LaneUpdate
{
    private readonly int gradientShift, updateShift, rate;
    private readonly int gradientMin, gradientMax, updateMin, updateMax;
    private readonly uint gradientKey, updateKey;

    public LaneUpdate(int gradientShift, FixedFormat gradient, int updateShift, FixedFormat update, long rate, ulong gradientKey, ulong updateKey)
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

    /// <summary>
    /// Whether the kernel holds for these shifts and this rate (see the remarks); <paramref name="fromSums"/> for
    /// <see cref="FromSums"/>, else for <see cref="Rows"/>.
    /// </summary>
    public static bool Fits(int gradientShift, FixedFormat gradient, int updateShift, FixedFormat update, long rate, bool fromSums) =>
        gradientShift >= 1 && gradientShift <= (fromSums ? 32 : 30) && updateShift is >= 1 and <= 30 && Math.Abs(rate) < (1L << 15) &&
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

    /// <summary>
    /// Updates every parameter from its exact gradient sum, in the rounding modes given; the draws of element i are
    /// those of element i of the parameters. Returns the largest magnitude written. At least one vector long.
    /// </summary>
    public Vector<int> FromSums(Span<int> parameters, ReadOnlySpan<long> sums, RoundingMode gradient, RoundingMode update) =>
        (gradient == RoundingMode.Stochastic, update == RoundingMode.Stochastic) switch
        {
            (false, false) => FromSums<NearestEvenRounding, NearestEvenRounding>(parameters, sums),
            (false, true) => FromSums<NearestEvenRounding, StochasticRounding>(parameters, sums),
            (true, false) => FromSums<StochasticRounding, NearestEvenRounding>(parameters, sums),
            (true, true) => FromSums<StochasticRounding, StochasticRounding>(parameters, sums),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Vector<int> Rows<TGradient, TUpdate>(Span<int> weights, ReadOnlySpan<int> errors, ReadOnlySpan<int> x)
        where TGradient : struct, IRoundingKind
        where TUpdate : struct, IRoundingKind
    {
        // The rows with a nonzero error are listed first: a test of each in the loop below is mispredicted about as
        // often as ReLU's zeros fall at random.
        Span<int> rows = stackalloc int[Math.Min(errors.Length, 1024)];
        var peak = Vector<int>.Zero;
        for (var m0 = 0; m0 < errors.Length; m0 += rows.Length)
        {
            var listed = 0;
            for (var m = m0; m < Math.Min(errors.Length, m0 + rows.Length); m++)
            {
                rows[listed] = m;
                listed += errors[m] != 0 ? 1 : 0;
            }

            foreach (var m in rows[..listed])
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
        var gs = new Shifts(gradientShift);
        var gradientRound = new Vector<int>((1 << (gradientShift - 1)) - 1);
        var gradientMask = new Vector<uint>((1U << gradientShift) - 1);
        var gradientLow = new Vector<int>(gradientMin);
        var gradientHigh = new Vector<int>(gradientMax);
        var gradientDraws = new Vector<uint>(gradientKey);
        var negativeRate = new Vector<int>(-rate);
        var us = new Shifts(updateShift);
        var updateRound = new Vector<int>((1 << (updateShift - 1)) - 1);
        var updateMask = new Vector<uint>((1U << updateShift) - 1);
        var updateDraws = new Vector<uint>(updateKey);
        var updateLow = new Vector<int>(updateMin);
        var updateHigh = new Vector<int>(updateMax);
        var counter = LaneDraws.Start(first);
        var peak = Vector<int>.Zero;
        var n = 0;
        for (; n <= length - count; n += count)
        {
            var xs = Vector.LoadUnsafe(ref input, (nuint)n);
            if (!Vector.EqualsAll(xs, Vector<int>.Zero))
            {
                // Zero inputs (ReLU's, pooled) give zero gradients: those weights stay exactly as they are.
                var dw = Gradient32<TGradient>(factor * xs, counter, gs, gradientRound, gradientMask, gradientDraws, gradientLow, gradientHigh);
                var updated = Step<TUpdate>(Vector.LoadUnsafe(ref w, (nuint)n), dw, counter, negativeRate, us, updateRound, updateMask, updateDraws, updateLow, updateHigh);
                peak = Vector.Max(peak, Vector.Abs(updated));
                updated.StoreUnsafe(ref w, (nuint)n);
            }

            counter += LaneDraws.Step;
        }

        if (n < length)
        {
            // The last vector ends at the row's end; the lanes before n were updated above and keep their values.
            var start = length - count;
            var last = LaneDraws.Start(first + start);
            var current = Vector.LoadUnsafe(ref w, (nuint)start);
            var dw = Gradient32<TGradient>(factor * Vector.LoadUnsafe(ref input, (nuint)start), last, gs, gradientRound, gradientMask, gradientDraws, gradientLow, gradientHigh);
            var fresh = Vector.GreaterThanOrEqual(Vector.AsVectorInt32(LaneDraws.Indices) + new Vector<int>(start), new Vector<int>(n));
            var updated = Vector.ConditionalSelect(fresh, Step<TUpdate>(current, dw, last, negativeRate, us, updateRound, updateMask, updateDraws, updateLow, updateHigh), current);
            peak = Vector.Max(peak, Vector.Abs(updated));
            updated.StoreUnsafe(ref w, (nuint)start);
        }

        return peak;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Vector<int> FromSums<TGradient, TUpdate>(Span<int> parameters, ReadOnlySpan<long> sums)
        where TGradient : struct, IRoundingKind
        where TUpdate : struct, IRoundingKind
    {
        var count = Vector<int>.Count;
        var length = parameters.Length;
        ref var w = ref MemoryMarshal.GetReference(parameters);
        ref var source = ref MemoryMarshal.GetReference(sums);
        var gs = gradientShift;
        var gradientRound = new Vector<long>((1L << (gs - 1)) - 1);
        var gradientMask = new Vector<uint>(gs == 32 ? uint.MaxValue : (1U << gs) - 1);
        var gradientLow = new Vector<long>(gradientMin);
        var gradientHigh = new Vector<long>(gradientMax);
        var gradientDraws = new Vector<uint>(gradientKey);

        // Row's update constants again, as this loop's own locals: built in one place (a tuple or a struct) they
        // left the loop's vectors on the stack.
        var negativeRate = new Vector<int>(-rate);
        var us = new Shifts(updateShift);
        var updateRound = new Vector<int>((1 << (updateShift - 1)) - 1);
        var updateMask = new Vector<uint>((1U << updateShift) - 1);
        var updateDraws = new Vector<uint>(updateKey);
        var updateLow = new Vector<int>(updateMin);
        var updateHigh = new Vector<int>(updateMax);
        var peak = Vector<int>.Zero;
        var last = length - count;
        for (var i = 0; ; i += count)
        {
            var overlap = 0;
            if (i > last)
            {
                if (i == length)
                {
                    break;
                }

                overlap = i - last; // lanes below this one were updated by the vector before
                i = last;
            }

            var counter = LaneDraws.Start(i);
            var dw = Gradient64<TGradient>(ref Unsafe.Add(ref source, i), counter, gs, gradientRound, gradientMask, gradientDraws, gradientLow, gradientHigh);
            var current = Vector.LoadUnsafe(ref w, (nuint)i);
            var updated = Step<TUpdate>(current, dw, counter, negativeRate, us, updateRound, updateMask, updateDraws, updateLow, updateHigh);
            if (overlap > 0)
            {
                updated = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(Vector.AsVectorInt32(LaneDraws.Indices), new Vector<int>(overlap)), updated, current);
            }

            peak = Vector.Max(peak, Vector.Abs(updated));
            updated.StoreUnsafe(ref w, (nuint)i);
        }

        return peak;
    }

    // dW = product·2^-gs narrowed to the gradient format, in int32 lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Gradient32<TGradient>(
        Vector<int> product, Vector<uint> counter, Shifts gs, Vector<int> round, Vector<uint> mask, Vector<uint> draws, Vector<int> low, Vector<int> high)
        where TGradient : struct, IRoundingKind
    {
        var addend = TGradient.Stochastic
            ? Vector.AsVectorInt32(~LaneShift.Logical(LaneDraws.Hash(counter + draws), gs.Drop, 32 - gs.Bits) & mask)
            : round + (LaneShift.Arithmetic(product, gs.Keep, gs.Bits) & Vector<int>.One);
        return Vector.Min(Vector.Max(LaneShift.Arithmetic(product + addend, gs.Keep, gs.Bits), low), high);
    }

    // A right shift's count and the count that keeps a draw's top bits of the same number, built once per loop.
    private readonly struct Shifts(int bits)
    {
        public readonly int Bits = bits;
        public readonly System.Runtime.Intrinsics.Vector128<int> Keep = LaneShift.Count(bits);
        public readonly System.Runtime.Intrinsics.Vector128<int> Drop = LaneShift.Count(32 - bits);
    }

    // dW for the int32 lanes' elements from their exact sums (two vectors of 64-bit lanes at `sums`), narrowed to the
    // gradient format in 64-bit lanes and then put in int32 lanes (the format has at most 16 bits).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Gradient64<TGradient>(
        ref long sums, Vector<uint> counter, int gs, Vector<long> round, Vector<uint> mask, Vector<uint> draws, Vector<long> low, Vector<long> high)
        where TGradient : struct, IRoundingKind
    {
        var s0 = Vector.LoadUnsafe(ref sums);
        var s1 = Vector.LoadUnsafe(ref sums, (nuint)Vector<long>.Count);
        Vector<long> a0, a1;
        if (TGradient.Stochastic)
        {
            Vector.Widen(~Vector.ShiftRightLogical(LaneDraws.Hash(counter + draws), 32 - gs) & mask, out var b0, out var b1);
            a0 = Vector.AsVectorInt64(b0);
            a1 = Vector.AsVectorInt64(b1);
        }
        else
        {
            a0 = round + (Vector.ShiftRightArithmetic(s0, gs) & Vector<long>.One);
            a1 = round + (Vector.ShiftRightArithmetic(s1, gs) & Vector<long>.One);
        }

        return Vector.Narrow(
            Vector.Min(Vector.Max(Vector.ShiftRightArithmetic(s0 + a0, gs), low), high),
            Vector.Min(Vector.Max(Vector.ShiftRightArithmetic(s1 + a1, gs), low), high));
    }

    // W·2^us − α·dW narrowed to the update format with W as the floor's base. The constants come as arguments, not in
    // a struct: the JIT keeps a struct of vectors on the stack and reloads its fields in the loop.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Step<TUpdate>(
        Vector<int> weights, Vector<int> dw, Vector<uint> counter, Vector<int> negativeRate, Shifts us, Vector<int> round, Vector<uint> mask,
        Vector<uint> draws, Vector<int> low, Vector<int> high)
        where TUpdate : struct, IRoundingKind
    {
        var value = negativeRate * dw;
        var addend = TUpdate.Stochastic
            ? Vector.AsVectorInt32(~LaneShift.Logical(LaneDraws.Hash(counter + draws), us.Drop, 32 - us.Bits) & mask)
            : round + ((weights + LaneShift.Arithmetic(value, us.Keep, us.Bits)) & Vector<int>.One);
        return Vector.Min(Vector.Max(weights + LaneShift.Arithmetic(value + addend, us.Keep, us.Bits), low), high);
    }
}
