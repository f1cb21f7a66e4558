using System.Runtime.CompilerServices;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// The loss's output error, dE/dY of the scores, formed in double precision by every fixed-point executor alike
/// (the fast path and the simulator): softmax − one-hot for softmax cross-entropy, 2(y − t)/n for the mean squared error.
/// </summary>
internal static class LossError
{
    /// <summary>Replaces <paramref name="scores"/> by the output error for <paramref name="label"/>; returns the loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Form(Span<double> scores, int label, LossKind loss)
    {
        if (loss == LossKind.SoftmaxCrossEntropy)
        {
            var max = double.NegativeInfinity;
            foreach (var score in scores)
            {
                max = Math.Max(max, score);
            }

            double total = 0;
            foreach (var score in scores)
            {
                total += Math.Exp(score - max);
            }

            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = Math.Exp(scores[i] - max) / total;
            }

            var result = -Math.Log(Math.Max(scores[label], 1e-30));
            scores[label] -= 1;
            return result;
        }

        double squares = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var difference = scores[i] - (i == label ? 1 : 0);
            squares += difference * difference;
            scores[i] = 2 * difference / scores.Length;
        }

        return squares / scores.Length;
    }
}
