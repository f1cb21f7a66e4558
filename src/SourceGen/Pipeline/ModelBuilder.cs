using TaxoNN.Compiler;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Text;
using TaxoNN.SourceGen.Models;

namespace TaxoNN.SourceGen.Pipeline;

/// <summary>
/// Runs the checks of <c>taxo check</c> on one file and its imports (<see cref="Compilation"/>) and turns the
/// declarations of that file into models for the emitter. Never throws: a failure of its own becomes TAXO9001.
/// </summary>
internal static class ModelBuilder
{
    // Members of the generated classes that a layer's class could collide with (besides the class's own name).
    private static readonly string[] NetworkMembers = ["Name", "Input", "Output", "Loss", "LayerNames", "Layers", "Symbol"];
    private static readonly string[] PrecisionMembers = ["Precision"];

    /// <summary>The model of the root of <paramref name="closure"/>.</summary>
    public static FileModel Build(FileClosure closure, GeneratorOptions options, CancellationToken cancellationToken)
    {
        var path = closure.Root.File.Path;
        var relative = GeneratorPaths.Relative(options.ProjectDirectory, path);
        var empty = new FileModel(path, relative, GeneratorPaths.HintName(relative), options.Namespace, [], [], [], []);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var compilation = Compilation.Create([path], new AdditionalFileSourceProvider(closure));
            var diagnostics = compilation.Diagnostics.Select(d => Translate(d, closure)).ToList();
            cancellationToken.ThrowIfCancellationRequested();
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return empty with { Diagnostics = diagnostics.ToEquatableArray() };
            }

            var root = compilation.Sources.Files[0].Source!;
            bool InRoot(SourceLocation location) => ReferenceEquals(location.Source, root);
            var model = compilation.Model;
            var trainings = model.Trainings.Where(t => InRoot(t.Location)).ToList();
            var conflicts = new List<Diagnostic>();
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var location in model.Accelerators.Select(a => (a.Name, a.Location))
                .Concat(model.Networks.Select(n => (n.Name, n.Location)))
                .Concat(trainings.Select(t => (t.Name, t.Location)))
                .Where(d => InRoot(d.Location))
                .OrderBy(d => d.Location.Span.Start))
            {
                CheckMember(location.Name, location.Location, names, $"namespace {options.Namespace}", conflicts);
            }

            var networks = model.Networks.Where(n => InRoot(n.Location)).Select(n => Network(n, trainings, conflicts)).ToList();
            foreach (var training in trainings)
            {
                var members = PrecisionMembers.ToDictionary(m => m, m => m, StringComparer.Ordinal);
                foreach (var layer in training.Network.Layers)
                {
                    CheckMember(layer.Name, training.Location, members, $"{CSharpNames.Identifier(training.Name)}.Precision", conflicts);
                }
            }

            if (conflicts.Count > 0)
            {
                return empty with { Diagnostics = conflicts.Select(DiagnosticInfo.From).Distinct().ToEquatableArray() };
            }

            return empty with
            {
                Accelerators = model.Accelerators.Where(a => InRoot(a.Location)).Select(Accelerator).ToEquatableArray(),
                Networks = networks.ToEquatableArray(),
                Trainings = trainings.Select(Training).ToEquatableArray(),
                Diagnostics = diagnostics.ToEquatableArray(),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var source = new SourceText(path, closure.Root.File.Text);
            var failure = DiagnosticBuilder.ForFile(source).GeneratorFailed($"{e.GetType().Name}: {e.Message}");
            return empty with { Diagnostics = new EquatableArray<DiagnosticInfo>([DiagnosticInfo.From(failure)]) };
        }
    }

    // An import the provider could not serve is one that is not among the AdditionalFiles: say so at the import.
    private static DiagnosticInfo Translate(Diagnostic diagnostic, FileClosure closure)
    {
        if (diagnostic.Code == DiagnosticDescriptors.ImportNotFound.Code)
        {
            var importer = diagnostic.Source.Path == closure.Root.File.Path
                ? closure.Root
                : closure.Imported.FirstOrDefault(f => f.File.Path == diagnostic.Source.Path);
            var import = importer?.Imports.FirstOrDefault(i => i.Start == diagnostic.Span.Start);
            if (import is not null)
            {
                return DiagnosticInfo.From(DiagnosticBuilder.ForSpan(diagnostic.Source, diagnostic.Span).ImportNotAdditionalFile(import.Target));
            }
        }

        return DiagnosticInfo.From(diagnostic);
    }

    private static void CheckMember(string name, SourceLocation location, Dictionary<string, string> members, string container, List<Diagnostic> conflicts)
    {
        var identifier = CSharpNames.Identifier(name);
        if (!members.TryAdd(identifier, name))
        {
            conflicts.Add(DiagnosticBuilder.ForSpan(location.Source, location.Span).GeneratedNameConflict(name, identifier, container));
        }
    }

    private static AcceleratorModel Accelerator(AcceleratorSymbol a) => new(
        a.Name,
        CSharpNames.Identifier(a.Name),
        a.Location.Span.Start,
        a.Location.Span.Length,
        a.Rows,
        a.Columns,
        a.IfmapSpadWords,
        a.FilterSpadWords,
        a.PsumSpadWords,
        a.GlobalBufferBytes,
        a.GlobalBufferWordsPerCycle,
        a.DramWordsPerCycle,
        a.ClockHz,
        a.TechnologyNm,
        a.MinPeBits,
        a.MaxPeBits,
        a.AccumulatorBits,
        a.TrainingExtensions,
        a.Energy);

    private static NetworkModel Network(NetworkSymbol n, List<TrainingSymbol> trainings, List<Diagnostic> conflicts)
    {
        var identifier = CSharpNames.Identifier(n.Name);
        var members = NetworkMembers.Append(identifier).ToDictionary(m => m, m => m, StringComparer.Ordinal);
        foreach (var layer in n.Layers)
        {
            CheckMember(layer.Name, layer.Location, members, identifier, conflicts);
        }

        var layers = n.Layers.Select(l => new LayerModel(
            l.Name,
            CSharpNames.Identifier(l.Name),
            l.Index,
            l.Kind,
            l.Location.Span.Start,
            l.Location.Span.Length,
            l.Input,
            l.Output,
            l.Units,
            l.Kernel.Height,
            l.Kernel.Width,
            l.Stride.Height,
            l.Stride.Width,
            l.Padding.Height,
            l.Padding.Width,
            l.Bias,
            l.WeightCount,
            l.BiasCount));

        // The layer classes carry a precision only when one set-up of this file is the network's only trainer.
        var trainers = trainings.Where(t => t.Network.Name == n.Name).ToList();
        var sole = trainers.Count == 1 ? trainers[0] : null;
        return new NetworkModel(
            n.Name,
            identifier,
            n.Location.Span.Start,
            n.Location.Span.Length,
            n.Input,
            n.Loss,
            layers.ToEquatableArray(),
            sole?.Name,
            sole is null ? [] : sole.Precision);
    }

    private static TrainingModel Training(TrainingSymbol t) => new(
        t.Name,
        CSharpNames.Identifier(t.Name),
        t.Location.Span.Start,
        t.Location.Span.Length,
        t.Network.Name,
        CSharpNames.Identifier(t.Network.Name),
        t.Accelerator.Name,
        CSharpNames.Identifier(t.Accelerator.Name),
        t.AcceleratorReference.Span.Start,
        t.AcceleratorReference.Span.Length,
        t.Data.Dataset,
        t.Data.Path,
        t.Data.Divisor,
        t.Data.Mean,
        t.Data.Std,
        t.LearningRate,
        t.BatchSize,
        t.Epochs,
        t.Seed,
        t.Shuffle,
        t.Fuse,
        t.Input,
        t.Precision,
        t.Network.Layers.Select(l => l.Name).ToEquatableArray(),
        t.Network.Layers.Select(l => CSharpNames.Identifier(l.Name)).ToEquatableArray());
}
