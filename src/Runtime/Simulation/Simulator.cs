using System.Collections.Immutable;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// The cycle-accurate simulator of the PE array: it executes a compiled schedule step by step, PE by PE, in the fast
/// path's fixed-point arithmetic, and counts cycles, stalls and accesses per level from what it executes. It reads
/// only the ops and their mappings from the schedule, never a cycle or access figure, so its counts check the
/// compiler's timing model (<see cref="ScheduleAgreement"/>).
/// </summary>
public sealed class Simulator
{
    private readonly StepExecutor executor;
    private int steps;

    private Simulator(Schedule schedule, SimulatorOptions options)
    {
        Schedule = schedule;
        Options = options;
        executor = new StepExecutor(schedule, options);
    }

    /// <summary>The schedule being executed.</summary>
    public Schedule Schedule { get; }

    /// <summary>The options it runs with.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>Samples trained on so far.</summary>
    public long Samples => executor.Samples;

    /// <summary>
    /// A simulator of <paramref name="schedule"/> with the set-up's seeded initial weights (the fast path's), or the
    /// diagnostics that say why the schedule cannot run on its array (TAXO6001, TAXO6002, TAXO6004).
    /// </summary>
    public static (Simulator? Simulator, ImmutableArray<Diagnostic> Diagnostics) Create(Schedule schedule, SimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        options ??= new SimulatorOptions();
        var problems = Check(schedule, options);
        if (!problems.IsEmpty)
        {
            return (null, problems);
        }

        var simulator = new Simulator(schedule, options);
        var training = schedule.Step.Training;
        var seed = training.Seed;
        foreach (var layer in training.Network.Layers.Where(l => l.HasWeights))
        {
            var state = simulator.executor.Layer(layer.Index);
            var format = state.Precision.Update.Format;
            for (var i = 0; i < state.Weights.Length; i++)
            {
                state.Weights[i] = Numerics.FixedPoint.FromDouble(WeightInitialiser.Draw(seed, layer, false, i), format, Compiler.Semantics.RoundingMode.NearestEven, 0);
            }

            for (var i = 0; i < state.Bias.Length; i++)
            {
                state.Bias[i] = Numerics.FixedPoint.FromDouble(WeightInitialiser.Draw(seed, layer, true, i), format, Compiler.Semantics.RoundingMode.NearestEven, 0);
            }
        }

        return (simulator, []);
    }

    /// <summary>The raw weights of the layer at <paramref name="index"/>, in its update format.</summary>
    public Span<int> Weights(int index) => executor.Layer(index).Weights;

    /// <summary>The raw biases of the layer at <paramref name="index"/>.</summary>
    public Span<int> Bias(int index) => executor.Layer(index).Bias;

    /// <summary>The raw output of the layer at <paramref name="index"/> for sample <paramref name="sample"/> of the last step.</summary>
    public ReadOnlySpan<int> Output(int index, int sample = 0) => executor.Layer(index).Output[sample];

    /// <summary>
    /// Runs one training step on a batch: <paramref name="samples"/> holds batch x input values (scaled as the fast
    /// path takes them), <paramref name="labels"/> their classes. The first step also logs the watched PE.
    /// </summary>
    public SimulatedStep Step(ReadOnlySpan<float> samples, ReadOnlySpan<int> labels, IProgress<SimulationProgress>? progress = null, CancellationToken cancel = default) =>
        executor.Run(samples, labels, steps++ == 0, progress, cancel);

    // Every conv-like mapping is checked before the first cycle, so a schedule that cannot run fails at once.
    private static ImmutableArray<Diagnostic> Check(Schedule schedule, SimulatorOptions options)
    {
        var accelerator = schedule.Step.Training.Accelerator;
        var kind = options.PeKind ?? (accelerator.TrainingExtensions ? PeKind.Training : PeKind.InferenceOnly);
        var problems = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var scheduled in schedule.Ops)
        {
            var op = scheduled.Op;
            if (kind == PeKind.InferenceOnly && op.Kind is not (OpKind.Forward or OpKind.PoolForward or OpKind.ActivationForward))
            {
                problems.Add(DiagnosticBuilder.ForSpan(op.Location.Source, op.Location.Span).OpNeedsTrainingPe(op.Name, accelerator.Name));
                continue;
            }

            if (op.Kind is OpKind.Forward or OpKind.Error or OpKind.WeightGradient or OpKind.FusedErrorUpdate && scheduled.Cost.Mapping is { } mapping)
            {
                var geometry = op.Kind == OpKind.FusedErrorUpdate && op.Geometry is null
                    ? Compiler.Mapping.RowStationaryMapper.MatrixVector(op.Rows, op.Columns)
                    : StepExecutor.GeometryOf(op);
                if (SimulatorChecks.Problem(op, geometry, mapping, accelerator) is { } problem)
                {
                    problems.Add(problem);
                }
                else if (scheduled.Cost.SecondMapping is { } second
                    && SimulatorChecks.Problem(op, Lowerer.GradientGeometry(op.Layer!), second, accelerator) is { } secondProblem)
                {
                    problems.Add(secondProblem);
                }
            }
        }

        return problems.ToImmutable();
    }
}
