using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.KernelProbe;

/// <summary>A hash of every kernel's results on fixed inputs of lengths 0..300, extremes included.</summary>
public static class KernelChecksum
{
    /// <summary>Runs the kernels on <paramref name="path"/> and folds their results into one number.</summary>
    public static ulong Compute(KernelPath path)
    {
        var random = new CounterRandom(20240611);
        ulong hash = 14695981039346656037UL;
        for (var length = 0; length <= 300; length++)
        {
            var a = new short[length];
            var b = new short[length];
            var c = new int[length];
            var acc = new long[length];
            for (var i = 0; i < length; i++)
            {
                var bits = random.Next(length, 0, i);
                // Every fourth length is all -32768, pmaddwd's one wrapping case.
                a[i] = length % 4 == 0 ? short.MinValue : (short)bits;
                b[i] = length % 4 == 0 ? short.MinValue : (short)(bits >> 16);
                c[i] = (int)(bits >> 32) >> 8; // 24-bit words
                acc[i] = (long)bits >> 4;
            }

            IntegerKernels.MultiplyAccumulate(acc, a.Length > 0 ? a[0] : (short)1, b, path);
            hash = Fold(hash, (ulong)IntegerKernels.Dot(a, b, path));
            hash = Fold(hash, (ulong)IntegerKernels.Dot(c, c, path));
            foreach (var value in acc)
            {
                hash = Fold(hash, (ulong)value);
            }
        }

        return hash;
    }

    private static ulong Fold(ulong hash, ulong value) => (hash ^ value) * 1099511628211UL;
}
