using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Numerics;

/// <summary>Narrows whole spans of exact sums to a format, vectorised, with the bits of <see cref="FixedPoint.Narrow"/>.</summary>
internal static class LaneNarrowing
{
    /// <summary>
    /// output[i] = Narrow((values[i] &lt;&lt; leftShift) + addend) for every i, the stochastic draws of element
    /// <paramref name="firstElement"/> + i under <paramref name="key"/>. The values are exact sums of products of
    /// words of at most 16 bits (below 2^61 in magnitude) and the addend below 2^62.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Narrow(
        ReadOnlySpan<long> values, int valueFractionBits, PassPrecision target, ulong key, long firstElement, Span<int> output,
        int leftShift = 0, long addend = 0)
    {
        var count = Vector<long>.Count;
        var shift = valueFractionBits - target.Format.FractionBits;
        if (shift is >= 1 and <= 32 && leftShift == 0 && target.Format.WordBits <= 31 && values.Length >= 2 * count)
        {
            if (target.Rounding == RoundingMode.Stochastic)
            {
                Narrow64<StochasticRounding>(values, shift, target.Format, key, firstElement, output, addend);
            }
            else
            {
                Narrow64<NearestEvenRounding>(values, shift, target.Format, key, firstElement, output, addend);
            }

            return;
        }

        var narrower = new LaneNarrower(valueFractionBits, target.Format, target.Rounding);
        var i = 0;
        if (narrower.IsVectorisable && values.Length >= 2 * count)
        {
            ref var source = ref MemoryMarshal.GetReference(values);
            ref var destination = ref MemoryMarshal.GetReference(output);
            var counter = LaneDraws.Start(firstElement);
            var step = LaneDraws.Step;
            var add = new Vector<long>(addend);
            for (; i <= values.Length - (2 * count); i += 2 * count)
            {
                var low = Vector.ShiftLeft(Vector.LoadUnsafe(ref source, (nuint)i), leftShift) + add;
                var high = Vector.ShiftLeft(Vector.LoadUnsafe(ref source, (nuint)(i + count)), leftShift) + add;
                Vector<ulong> lowBits = default, highBits = default;
                if (narrower.Stochastic)
                {
                    LaneDraws.Wide(counter, key, narrower.NeedsLowHalves, out lowBits, out highBits);
                    counter += step;
                }

                Vector.Narrow(narrower.Apply(low, lowBits), narrower.Apply(high, highBits)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < values.Length; i++)
        {
            output[i] = FixedPoint.Narrow((values[i] << leftShift) + addend, valueFractionBits, target.Format, target.Rounding,
                target.Rounding == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(key, firstElement + i) : 0);
        }
    }

    // Narrow for a right shift of 1..32 bits and no left shift. The values are exact sums of products of words of at
    // most 16 bits (fewer than 2^31 of them, so below 2^61 in magnitude) and the addend a 16-bit bias aligned to them,
    // so one addition before the shift rounds without overflow (value = q·2^s + r: stochastic rounds up iff the draw's top s bits are below r,
    // nearest-even iff r + 2^(s−1) − 1 + (q odd) ≥ 2^s). The last two vectors overlap the ones before them where the
    // length is not a whole number of them (they write the same values again).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Narrow64<TRounding>(
        ReadOnlySpan<long> values, int shift, FixedFormat target, ulong key, long firstElement, Span<int> output, long addend)
        where TRounding : struct, IRoundingKind
    {
        var count = Vector<long>.Count;
        ref var source = ref MemoryMarshal.GetReference(values);
        ref var destination = ref MemoryMarshal.GetReference(output);
        var min = new Vector<long>(FixedPoint.Min(target.WordBits));
        var max = new Vector<long>(FixedPoint.Max(target.WordBits));
        var add = new Vector<long>(addend);
        var round = new Vector<long>((1L << (shift - 1)) - 1);
        var mask = new Vector<uint>(shift == 32 ? uint.MaxValue : (1U << shift) - 1);
        var draws = new Vector<uint>(CounterRandom.HighKey(key));
        var last = values.Length - (2 * count);
        for (var i = 0; ; i += 2 * count)
        {
            if (i > last)
            {
                if (i == values.Length)
                {
                    break;
                }

                i = last;
            }

            var low = Vector.LoadUnsafe(ref source, (nuint)i) + add;
            var high = Vector.LoadUnsafe(ref source, (nuint)(i + count)) + add;
            Vector<long> lowAddend, highAddend;
            if (TRounding.Stochastic)
            {
                // The draws' top bits for the 32-bit lanes of these elements, widened to the 64-bit lanes.
                var bits = ~Vector.ShiftRightLogical(LaneDraws.Hash(LaneDraws.Start(firstElement + i) + draws), 32 - shift) & mask;
                Vector.Widen(bits, out var lowBits, out var highBits);
                lowAddend = Vector.AsVectorInt64(lowBits);
                highAddend = Vector.AsVectorInt64(highBits);
            }
            else
            {
                lowAddend = round + (Vector.ShiftRightArithmetic(low, shift) & Vector<long>.One);
                highAddend = round + (Vector.ShiftRightArithmetic(high, shift) & Vector<long>.One);
            }

            low = Vector.Min(Vector.Max(Vector.ShiftRightArithmetic(low + lowAddend, shift), min), max);
            high = Vector.Min(Vector.Max(Vector.ShiftRightArithmetic(high + highAddend, shift), min), max);
            Vector.Narrow(low, high).StoreUnsafe(ref destination, (nuint)i);
        }
    }

    /// <summary>
    /// output[i] = Narrow(gate[i] &gt; 0 ? values[i] : 0) for every i (no gate: every value passes): the ReLU and the
    /// plain re-formatting of a tensor, with the draws of element i. Values of at most <paramref name="valueWordBits"/>
    /// bits that the target's format holds exactly are copied. The output must not overlap the values or the gate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NarrowGated(
        ReadOnlySpan<int> values, ReadOnlySpan<int> gate, int valueFractionBits, PassPrecision target, ulong key, Span<int> output,
        int valueWordBits = FixedPoint.MaxWordBits)
    {
        var count = Vector<int>.Count;
        var gated = !gate.IsEmpty;
        var i = 0;
        if (FixedPoint.Holds(target.Format, valueFractionBits, valueWordBits))
        {
            // The target's format holds every value exactly: no rounding, no saturation, only the gate.
            ref var from = ref MemoryMarshal.GetReference(values);
            ref var gates = ref MemoryMarshal.GetReference(gate);
            ref var to = ref MemoryMarshal.GetReference(output);
            for (; i <= values.Length - count; i += count)
            {
                var v = Vector.LoadUnsafe(ref from, (nuint)i);
                if (gated)
                {
                    v = Vector.ConditionalSelect(Vector.GreaterThan(Vector.LoadUnsafe(ref gates, (nuint)i), Vector<int>.Zero), v, Vector<int>.Zero);
                }

                v.StoreUnsafe(ref to, (nuint)i);
            }

            for (; i < values.Length; i++)
            {
                output[i] = !gated || gate[i] > 0 ? values[i] : 0;
            }

            return;
        }

        var shift = valueFractionBits - target.Format.FractionBits;
        if (valueWordBits <= 16 && target.Format.WordBits <= 16 && shift is > -16 and <= 16 && values.Length >= count)
        {
            // Words of at most 16 bits shift and round in int32 lanes.
            if (target.Rounding == RoundingMode.Stochastic && shift > 0)
            {
                NarrowGated32<StochasticRounding>(values, gate, shift, target.Format, key, output);
            }
            else
            {
                NarrowGated32<NearestEvenRounding>(values, gate, shift, target.Format, key, output);
            }

            return;
        }

        var narrower = new LaneNarrower(valueFractionBits, target.Format, target.Rounding);
        if (narrower.IsVectorisable)
        {
            ref var source = ref MemoryMarshal.GetReference(values);
            ref var gates = ref MemoryMarshal.GetReference(gate);
            ref var destination = ref MemoryMarshal.GetReference(output);
            var counter = LaneDraws.Start(0);
            var step = LaneDraws.Step;
            for (; i <= values.Length - count; i += count)
            {
                var v = Vector.LoadUnsafe(ref source, (nuint)i);
                if (gated)
                {
                    v = Vector.ConditionalSelect(Vector.GreaterThan(Vector.LoadUnsafe(ref gates, (nuint)i), Vector<int>.Zero), v, Vector<int>.Zero);
                }

                Vector.Widen(v, out var low, out var high);
                Vector<ulong> lowBits = default, highBits = default;
                if (narrower.Stochastic)
                {
                    LaneDraws.Wide(counter, key, narrower.NeedsLowHalves, out lowBits, out highBits);
                    counter += step;
                }

                Vector.Narrow(narrower.Apply(low, lowBits), narrower.Apply(high, highBits)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < values.Length; i++)
        {
            var value = !gated || gate[i] > 0 ? values[i] : 0;
            output[i] = FixedPoint.Narrow(value, valueFractionBits, target.Format, target.Rounding,
                target.Rounding == RoundingMode.Stochastic ? CounterRandom.RoundingDraw(key, i) : 0);
        }
    }

    /// <summary>The magnitude below which <see cref="NarrowSums32"/> takes int32 sums: 2^31 − 2^shift, so that the rounding's
    /// one addition (below 2^shift) cannot overflow.</summary>
    public static long Sums32Limit(int valueFractionBits, FixedFormat target) =>
        int.MaxValue + 1L - (1L << Math.Clamp(valueFractionBits - target.FractionBits, 0, 30));

    /// <summary>Whether <see cref="NarrowSums32"/> takes this shift, format and length.</summary>
    public static bool NarrowsSums32(int valueFractionBits, FixedFormat target, int length) =>
        valueFractionBits - target.FractionBits is >= 1 and <= 30 && target.WordBits <= 16 && length >= Vector<int>.Count;

    /// <summary>
    /// output[i] = Narrow(values[i]) for int32 sums below <see cref="Sums32Limit"/> in magnitude narrowed to a format of
    /// at most 16 bits by a right shift of 1..30 bits, in int32 lanes, the draws of element i; at least one vector long.
    /// </summary>
    public static void NarrowSums32(ReadOnlySpan<int> values, int valueFractionBits, PassPrecision target, ulong key, Span<int> output)
    {
        var shift = valueFractionBits - target.Format.FractionBits;
        if (!NarrowsSums32(valueFractionBits, target.Format, values.Length))
        {
            throw new ArgumentException("NarrowSums32 takes right shifts of 1..30 bits to at most 16, a vector or more.", nameof(valueFractionBits));
        }

        if (target.Rounding == RoundingMode.Stochastic)
        {
            NarrowGated32<StochasticRounding>(values, [], shift, target.Format, key, output);
        }
        else
        {
            NarrowGated32<NearestEvenRounding>(values, [], shift, target.Format, key, output);
        }
    }

    // NarrowGated for values and a target of at most 16 bits and a shift in −15..16 (or sums below 2^31 − 2^shift and a
    // right shift of up to 30), in int32 lanes: a left shift saturates; a right shift rounds with one addition (value = q·2^s + r: stochastic rounds up iff the draw's top s bits
    // are below r, nearest-even iff r + 2^(s−1) − 1 + (q odd) ≥ 2^s), then saturates. The last vector overlaps the one
    // before it where the length is not a whole number of vectors (it writes the same values again).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NarrowGated32<TRounding>(
        ReadOnlySpan<int> values, ReadOnlySpan<int> gate, int shift, FixedFormat target, ulong key, Span<int> output)
        where TRounding : struct, IRoundingKind
    {
        var count = Vector<int>.Count;
        var gated = !gate.IsEmpty;
        ref var source = ref MemoryMarshal.GetReference(values);
        ref var gates = ref MemoryMarshal.GetReference(gate);
        ref var destination = ref MemoryMarshal.GetReference(output);
        var min = new Vector<int>(FixedPoint.Min(target.WordBits));
        var max = new Vector<int>(FixedPoint.Max(target.WordBits));
        var left = Math.Max(0, -shift);
        var right = Math.Max(0, shift);
        var round = new Vector<int>(right > 0 ? (1 << (right - 1)) - 1 : 0);
        var mask = new Vector<uint>((1U << right) - 1);
        var draws = new Vector<uint>(CounterRandom.HighKey(key));
        var last = values.Length - count;
        for (var i = 0; ; i += count)
        {
            if (i > last)
            {
                if (i == values.Length)
                {
                    break;
                }

                i = last;
            }

            var v = Vector.LoadUnsafe(ref source, (nuint)i);
            if (gated)
            {
                v = Vector.ConditionalSelect(Vector.GreaterThan(Vector.LoadUnsafe(ref gates, (nuint)i), Vector<int>.Zero), v, Vector<int>.Zero);
            }

            Vector<int> narrowed;
            if (right == 0)
            {
                narrowed = Vector.ShiftLeft(v, left); // |v| ≤ 2^15, left < 16: no overflow before the saturation
            }
            else
            {
                var addend = TRounding.Stochastic
                    ? Vector.AsVectorInt32(~Vector.ShiftRightLogical(LaneDraws.Hash(LaneDraws.Start(i) + draws), 32 - right) & mask)
                    : round + (Vector.ShiftRightArithmetic(v, right) & Vector<int>.One);
                narrowed = Vector.ShiftRightArithmetic(v + addend, right);
            }

            Vector.Min(Vector.Max(narrowed, min), max).StoreUnsafe(ref destination, (nuint)i);
        }
    }

    /// <summary>
    /// output[i] = <see cref="FixedPoint.FromDouble"/>(values[i]) rounded to nearest-even, vectorised, for the leading
    /// elements it can take; returns how many it converted (the caller converts the rest, e.g. NaN, the scalar way).
    /// </summary>
    /// <remarks>
    /// A float scaled by 2^f is exact in a double; adding and subtracting 1.5·2^52 then rounds it to an integer,
    /// to nearest-even, exactly, for every magnitude below 2^51 — checked per vector, with saturation after.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int FromFloatsNearest(ReadOnlySpan<float> values, FixedFormat target, Span<int> output)
    {
        var count = Vector<float>.Count;
        var scale = new Vector<double>(Math.ScaleB(1.0, target.FractionBits));
        var magic = new Vector<double>(1.5 * Math.ScaleB(1.0, 52));
        var limit = new Vector<double>(Math.ScaleB(1.0, 51));
        var min = new Vector<long>(FixedPoint.Min(target.WordBits));
        var max = new Vector<long>(FixedPoint.Max(target.WordBits));
        if (target.FractionBits is < -60 or > 60)
        {
            return 0;
        }

        ref var source = ref MemoryMarshal.GetReference(values);
        ref var destination = ref MemoryMarshal.GetReference(output);
        var i = 0;
        for (; i <= values.Length - count; i += count)
        {
            Vector.Widen(Vector.LoadUnsafe(ref source, (nuint)i), out var low, out var high);
            low *= scale;
            high *= scale;

            // NaN fails both comparisons, so it stops the vector path here.
            if (!Vector.LessThanAll(Vector.Abs(low), limit) || !Vector.LessThanAll(Vector.Abs(high), limit))
            {
                break;
            }

            var lowRaw = Vector.ConvertToInt64(low + magic - magic);
            var highRaw = Vector.ConvertToInt64(high + magic - magic);
            lowRaw = Vector.Min(Vector.Max(lowRaw, min), max);
            highRaw = Vector.Min(Vector.Max(highRaw, min), max);
            Vector.Narrow(lowRaw, highRaw).StoreUnsafe(ref destination, (nuint)i);
        }

        return i;
    }

    /// <summary>
    /// errors[i] = 0 wherever outputs[i] sits at an end of <paramref name="format"/>'s range and the error asks for
    /// it to move further out (dE/dY &lt; 0 at the top, &gt; 0 at the bottom): errors that pull it back pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ZeroWhereSaturated(Span<int> errors, ReadOnlySpan<int> outputs, FixedFormat format)
    {
        var count = Vector<int>.Count;
        var highest = FixedPoint.Max(format.WordBits);
        var lowest = FixedPoint.Min(format.WordBits);
        var high = new Vector<int>(highest);
        var low = new Vector<int>(lowest);
        ref var error = ref MemoryMarshal.GetReference(errors);
        ref var output = ref MemoryMarshal.GetReference(outputs);

        // Outputs rarely sit at an end of their range: a first pass over them alone finds whether any does, and
        // where none does, the whole vectors of errors are left as they are without a store.
        var ends = Vector<int>.Zero;
        var whole = errors.Length - (errors.Length % count);
        for (var i = 0; i < whole; i += count)
        {
            var y = Vector.LoadUnsafe(ref output, (nuint)i);
            ends |= Vector.Equals(y, high) | Vector.Equals(y, low);
        }

        for (var i = 0; i < whole && !Vector.EqualsAll(ends, Vector<int>.Zero); i += count)
        {
            var y = Vector.LoadUnsafe(ref output, (nuint)i);
            var g = Vector.LoadUnsafe(ref error, (nuint)i);
            var outward = (Vector.Equals(y, high) & Vector.LessThan(g, Vector<int>.Zero)) |
                (Vector.Equals(y, low) & Vector.GreaterThan(g, Vector<int>.Zero));
            Vector.AndNot(g, outward).StoreUnsafe(ref error, (nuint)i);
        }

        for (var i = whole; i < errors.Length; i++)
        {
            if ((outputs[i] == highest && errors[i] < 0) || (outputs[i] == lowest && errors[i] > 0))
            {
                errors[i] = 0;
            }
        }
    }
}
