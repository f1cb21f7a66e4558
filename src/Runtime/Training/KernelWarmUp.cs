using System.Reflection;
using System.Runtime.CompilerServices;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Numerics;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// Compiles the training kernels on a background thread while a command reads its set-up and its data, so that the
/// training loop does not stop at each kernel's first call to wait for the JIT.
/// </summary>
/// <remarks>
/// The kernels are marked <see cref="MethodImplOptions.AggressiveOptimization"/> (compiled straight to optimised code
/// at their first call, never in tiers), and they use <c>Vector&lt;T&gt;</c>, whose width is known only on the machine
/// that runs them, so nothing compiles them ahead of time. Compiling them costs tens of milliseconds, about a tenth of
/// a 10,000-sample run when it happens inside the loop; on a second core it overlaps the reading instead. The
/// results do not depend on it: the same code runs whichever thread compiled it.
/// </remarks>
public static class KernelWarmUp
{
    /// <summary>Starts compiling the kernels of the fixed-point path, the float32 path or both; the task gives how many.</summary>
    public static Task<int> Start(bool fixedPoint, bool floatingPoint)
    {
        Type[] common = [typeof(Trainer), typeof(InputScaler), typeof(LossError)];
        Type[] fixedTypes = fixedPoint
            ? [typeof(FixedNetwork), typeof(PairKernels), typeof(ExactKernels), typeof(LaneNarrowing), typeof(LaneUpdate), typeof(MaxPool2x2)]
            : [];
        Type[] floatTypes = floatingPoint ? [typeof(FloatNetwork), typeof(FloatKernels)] : [];
        return Task.Run(() => common.Concat(fixedTypes).Concat(floatTypes).Sum(Prepare));
    }

    /// <summary>
    /// Runs two SGD steps of a scratch network of <paramref name="training"/> in <paramref name="precision"/> on a
    /// made-up image, so that every method a training step calls has been compiled before a training loop's clock
    /// starts (the kernels are prepared by <see cref="Start"/>; this reaches the rest, which compile at their first
    /// call). The scratch network is thrown away: nothing of the run to come depends on it.
    /// </summary>
    public static void Exercise(TrainingSymbol training, PrecisionMode precision)
    {
        ArgumentNullException.ThrowIfNull(training);
        var network = Trainer.CreateNetwork(training, precision);
        var scaler = InputScaler.For(training.Data);
        var image = new byte[training.Network.Input.Elements];
        var scratch = new float[image.Length];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = (byte)(i * 37);
        }

        for (var step = 0; step < 2; step++)
        {
            network.AccumulateImage(image, scaler, scratch, step % LabeledImages.ClassCount);
            network.Update();
        }
    }

    private static int Prepare(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var prepared = 0;
        foreach (var method in type.GetMethods(All))
        {
            if ((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) == 0 || method.IsAbstract)
            {
                continue;
            }

            foreach (var instance in Instances(method))
            {
                RuntimeHelpers.PrepareMethod(instance.MethodHandle);
                prepared++;
            }
        }

        return prepared;
    }

    // The method itself, or, for kernels generic over rounding modes (IRoundingKind), every combination of the modes;
    // other generic methods are left to their first call.
    private static IEnumerable<MethodInfo> Instances(MethodInfo method)
    {
        if (!method.ContainsGenericParameters)
        {
            return [method];
        }

        var parameters = method.GetGenericArguments();
        if (!parameters.All(p => p.GetGenericParameterConstraints().Contains(typeof(IRoundingKind))))
        {
            return [];
        }

        Type[] kinds = [typeof(NearestEvenRounding), typeof(StochasticRounding)];
        IEnumerable<Type[]> combinations = [[]];
        foreach (var _ in parameters)
        {
            combinations = combinations.SelectMany(c => kinds.Select(k => (Type[])[.. c, k]));
        }

        return combinations.Select(method.MakeGenericMethod);
    }
}
