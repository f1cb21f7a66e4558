using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using TaxoNN.Language.Diagnostics;
using TaxoNN.SourceGen.Emit;
using TaxoNN.SourceGen.Models;
using TaxoNN.SourceGen.Pipeline;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;
using RoslynDescriptor = Microsoft.CodeAnalysis.DiagnosticDescriptor;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;
using TaxoSeverity = TaxoNN.Language.Diagnostics.DiagnosticSeverity;

namespace TaxoNN.SourceGen;

/// <summary>
/// The incremental generator: every <c>.taxo</c> AdditionalFile is checked as <c>taxo check</c> checks it, its
/// diagnostics become build diagnostics at their line and column, and its declarations become static classes.
/// </summary>
/// <remarks>
/// Each step's value is an equatable model, so a step whose input did not change is cached and one whose output did
/// not change stops there: an edit to one file re-checks it and the files that import it, and nothing else.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class TaxoGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, for the tests that prove they are cached.</summary>
    public static class Steps
    {
        /// <summary>The text of each .taxo file.</summary>
        public const string Read = nameof(Read);

        /// <summary>Each file's imports, from parsing it on its own.</summary>
        public const string Imports = nameof(Imports);

        /// <summary>The imports of all files together.</summary>
        public const string AllImports = nameof(AllImports);

        /// <summary>Each file with the files it imports.</summary>
        public const string Closure = nameof(Closure);

        /// <summary>The project's namespace and folder.</summary>
        public const string Options = nameof(Options);

        /// <summary>Each file's checks and declarations.</summary>
        public const string Model = nameof(Model);

        /// <summary>The diagnostics of all files, without duplicates.</summary>
        public const string Diagnostics = nameof(Diagnostics);
    }

    private const string Category = "TaxoNN";

    private static readonly string Version = typeof(TaxoGenerator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(text => text.Path.EndsWith(".taxo", StringComparison.OrdinalIgnoreCase))
            .Select((text, cancellationToken) => new TaxoFile(GeneratorPaths.Normalize(text.Path), text.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .WithTrackingName(Steps.Read);
        var scanned = files
            .Select(ScanSafely)
            .WithTrackingName(Steps.Imports);
        var all = scanned
            .Collect()
            .Select((items, _) => items.OrderBy(f => f.File.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.AllImports);
        var closures = scanned
            .Combine(all)
            .Select((pair, cancellationToken) => ClosureBuilder.Build(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(Steps.Closure);
        var options = context.AnalyzerConfigOptionsProvider
            .Select((provider, _) => ReadOptions(provider.GlobalOptions.TryGetValue))
            .WithTrackingName(Steps.Options);
        var models = closures
            .Combine(options)
            .Select((pair, cancellationToken) => ModelBuilder.Build(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(Steps.Model);
        var diagnostics = models
            .Select((model, _) => model.Diagnostics)
            .Collect()
            .Select((items, _) => items.SelectMany(d => d).Distinct()
                .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Start).ThenBy(d => d.Code, StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(Steps.Diagnostics);

        context.RegisterSourceOutput(models, AddSource);
        context.RegisterSourceOutput(diagnostics, static (output, items) =>
        {
            foreach (var item in items)
            {
                output.ReportDiagnostic(ToRoslyn(item));
            }
        });
    }

    /// <summary>The options a project sets through MSBuild properties that the .props file makes visible to the compiler.</summary>
    internal static GeneratorOptions ReadOptions(TryGetOption get)
    {
        var ns = get("build_property.TaxoNamespace", out var own) && !string.IsNullOrWhiteSpace(own) ? own
            : get("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root) ? root
            : GeneratorOptions.DefaultNamespace;
        var folder = get("build_property.MSBuildProjectDirectory", out var directory) && !string.IsNullOrWhiteSpace(directory)
            ? GeneratorPaths.Normalize(directory)
            : string.Empty;
        return new GeneratorOptions(ns.Trim(), folder);
    }

    /// <summary>Makes a Roslyn diagnostic of <paramref name="info"/>, located in the .taxo file at its line and column.</summary>
    internal static RoslynDiagnostic ToRoslyn(DiagnosticInfo info)
    {
        var location = Location.Create(
            info.Path,
            new Microsoft.CodeAnalysis.Text.TextSpan(info.Start, info.Length),
            new Microsoft.CodeAnalysis.Text.LinePositionSpan(
                new Microsoft.CodeAnalysis.Text.LinePosition(info.StartLine, info.StartColumn),
                new Microsoft.CodeAnalysis.Text.LinePosition(info.EndLine, info.EndColumn)));
        return RoslynDiagnostic.Create(Descriptor(info.Code, info.Severity), location, info.Message);
    }

    /// <summary>A delegate with the shape of AnalyzerConfigOptions.TryGetValue.</summary>
    internal delegate bool TryGetOption(string key, [NotNullWhen(true)] out string? value);

    private static ScannedFile ScanSafely(TaxoFile file, CancellationToken cancellationToken)
    {
        try
        {
            return ImportScanner.Scan(file, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The model step reads the file again and reports what failed; without imports the closure is the file.
            return new ScannedFile(file, []);
        }
    }

    private static void AddSource(SourceProductionContext output, FileModel model)
    {
        if (!model.HasDeclarations)
        {
            return;
        }

        try
        {
            output.AddSource(model.HintName, ConfigEmitter.Emit(model, Version));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in the emitter must not take the build's other diagnostics and sources with it.
            var source = new Language.Text.SourceText(model.Path, string.Empty);
            output.ReportDiagnostic(ToRoslyn(DiagnosticInfo.From(DiagnosticBuilder.ForFile(source).GeneratorFailed($"{e.GetType().Name}: {e.Message}"))));
        }
    }

    private static readonly Dictionary<string, RoslynDescriptor> Descriptors = [];

    private static RoslynDescriptor Descriptor(string code, TaxoSeverity severity)
    {
        lock (Descriptors)
        {
            if (!Descriptors.TryGetValue(code, out var descriptor))
            {
                var title = DiagnosticDescriptors.All.FirstOrDefault(d => d.Code == code)?.Title ?? code;
                var roslynSeverity = severity switch
                {
                    TaxoSeverity.Error => RoslynSeverity.Error,
                    TaxoSeverity.Warning => RoslynSeverity.Warning,
                    _ => RoslynSeverity.Info,
                };
                descriptor = new RoslynDescriptor(code, title, "{0}", Category, roslynSeverity, isEnabledByDefault: true);
                Descriptors.Add(code, descriptor);
            }

            return descriptor;
        }
    }
}
