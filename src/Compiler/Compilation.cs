using System.Collections.Immutable;
using TaxoNN.Compiler.Binding;
using TaxoNN.Compiler.Checks;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Sources;

namespace TaxoNN.Compiler;

/// <summary>
/// Runs the phases over a set of files lazily: load and parse (with imports), structure checks, binding, lowering
/// and the checks of every training set-up. <see cref="Diagnostics"/> lists them in a deterministic order: file by
/// file as loaded, then binding and lowering diagnostics in declaration order.
/// </summary>
public sealed class Compilation
{
    private readonly Lazy<SourceSet> sources;
    private readonly Lazy<(BoundModel Model, ImmutableArray<Diagnostic> Diagnostics)> binding;
    private readonly Lazy<ImmutableArray<Diagnostic>> diagnostics;
    private readonly Lazy<ImmutableArray<LoweredStep>> steps;

    private Compilation(IReadOnlyList<string> roots, ISourceProvider provider, bool fuse, bool inference)
    {
        Roots = roots;
        Fuse = fuse;
        Inference = inference;
        sources = new Lazy<SourceSet>(() => SourceSet.Load(roots, provider));
        binding = new Lazy<(BoundModel, ImmutableArray<Diagnostic>)>(() => Binder.Bind(sources.Value));
        diagnostics = new Lazy<ImmutableArray<Diagnostic>>(CollectDiagnostics);
        steps = new Lazy<ImmutableArray<LoweredStep>>(() =>
        [
            .. Model.Trainings
                .Where(t => Inference || t.Accelerator.TrainingExtensions)
                .Select(t => Lowerer.Lower(t, Fuse && t.Fuse, Inference)),
        ]);
    }

    /// <summary>The files the compilation starts from.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Whether error and update are fused at batch 1 (unless a set-up says 'fuse off').</summary>
    public bool Fuse { get; }

    /// <summary>
    /// Whether the steps are inference only: the forward ops, which an accelerator without the training extensions
    /// (an inference-only Eyeriss baseline) can run. Otherwise a set-up on such an accelerator is TAXO2105.
    /// </summary>
    public bool Inference { get; }

    /// <summary>The loaded files.</summary>
    public SourceSet Sources => sources.Value;

    /// <summary>The bound declarations.</summary>
    public BoundModel Model => binding.Value.Model;

    /// <summary>Every diagnostic of every phase.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => diagnostics.Value;

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Creates a compilation of <paramref name="roots"/> read through <paramref name="provider"/>.</summary>
    public static Compilation Create(IEnumerable<string> roots, ISourceProvider? provider = null, bool fuse = true, bool inference = false) =>
        new([.. roots], provider ?? FileSystemSourceProvider.Instance, fuse, inference);

    /// <summary>
    /// The lowered step of every training set-up that bound, fused as the set-up and this compilation say (or, for
    /// an inference compilation, its forward pass).
    /// </summary>
    public IEnumerable<LoweredStep> Steps() => steps.Value;

    /// <summary>The steps of the training set-ups declared in the first root file itself, not in the files it imports.</summary>
    public IEnumerable<LoweredStep> RootSteps()
    {
        var root = Sources.Files.Length > 0 ? Sources.Files[0].Source : null;
        return Steps().Where(s => ReferenceEquals(s.Training.Location.Source, root));
    }

    private ImmutableArray<Diagnostic> CollectDiagnostics()
    {
        var all = new List<Diagnostic>(Sources.Diagnostics);
        all.AddRange(binding.Value.Diagnostics);
        if (!Inference)
        {
            foreach (var training in Model.Trainings.Where(t => !t.Accelerator.TrainingExtensions))
            {
                var at = training.AcceleratorReference;
                all.Add(DiagnosticBuilder.ForSpan(at.Source, at.Span).NoTrainingExtensions(training.Name, training.Accelerator.Name));
            }
        }

        foreach (var step in Steps())
        {
            all.AddRange(AccumulatorCheck.Check(step));
        }

        return [.. all];
    }
}
