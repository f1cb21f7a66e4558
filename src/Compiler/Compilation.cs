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

    private Compilation(IReadOnlyList<string> roots, ISourceProvider provider, bool fuse)
    {
        Roots = roots;
        Fuse = fuse;
        sources = new Lazy<SourceSet>(() => SourceSet.Load(roots, provider));
        binding = new Lazy<(BoundModel, ImmutableArray<Diagnostic>)>(() => Binder.Bind(sources.Value));
        diagnostics = new Lazy<ImmutableArray<Diagnostic>>(CollectDiagnostics);
    }

    /// <summary>The files the compilation starts from.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Whether error and update are fused at batch 1 (unless a set-up says 'fuse off').</summary>
    public bool Fuse { get; }

    /// <summary>The loaded files.</summary>
    public SourceSet Sources => sources.Value;

    /// <summary>The bound declarations.</summary>
    public BoundModel Model => binding.Value.Model;

    /// <summary>Every diagnostic of every phase.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => diagnostics.Value;

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Creates a compilation of <paramref name="roots"/> read through <paramref name="provider"/>.</summary>
    public static Compilation Create(IEnumerable<string> roots, ISourceProvider? provider = null, bool fuse = true) =>
        new([.. roots], provider ?? FileSystemSourceProvider.Instance, fuse);

    /// <summary>The lowered step of every training set-up that bound, fused as the set-up and this compilation say.</summary>
    public IEnumerable<LoweredStep> Steps() =>
        Model.Trainings.Select(t => Lowerer.Lower(t, Fuse && t.Fuse));

    private ImmutableArray<Diagnostic> CollectDiagnostics()
    {
        var all = new List<Diagnostic>(Sources.Diagnostics);
        all.AddRange(binding.Value.Diagnostics);
        foreach (var step in Steps())
        {
            all.AddRange(AccumulatorCheck.Check(step));
        }

        return [.. all];
    }
}
