using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Sources;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Compiler.Binding;

/// <summary>
/// Binds the declarations of a source set: resolves names across files, fills in defaults, infers shapes and
/// resolves every layer's and pass's precision. A declaration whose text already has an error is left out
/// quietly, and so is anything that refers to it, so that one mistake is reported once.
/// </summary>
public sealed partial class Binder
{
    private readonly List<Diagnostic> diagnostics = [];
    private readonly List<Declaration> declarations = [];
    private readonly HashSet<string> poisoned = new(StringComparer.Ordinal);

    private Binder()
    {
    }

    private sealed record Declaration(string Kind, string Name, StatementSyntax Statement, BlockSyntax Body, SourceText Source);

    /// <summary>Binds <paramref name="sources"/>; the diagnostics are those of binding only, in declaration order.</summary>
    public static (BoundModel Model, ImmutableArray<Diagnostic> Diagnostics) Bind(SourceSet sources)
    {
        var binder = new Binder();
        var model = binder.Run(sources);
        return (model, [.. binder.diagnostics]);
    }

    private void Report(SourceText source, TextSpan span, Func<DiagnosticBuilder, Diagnostic> make) =>
        diagnostics.Add(make(DiagnosticBuilder.ForSpan(source, span)));

    private BoundModel Run(SourceSet sources)
    {
        Collect(sources);
        var accelerators = new Dictionary<string, AcceleratorSymbol>(StringComparer.Ordinal);
        var networks = new Dictionary<string, NetworkSymbol>(StringComparer.Ordinal);
        foreach (var declaration in declarations.Where(d => d.Kind == "accelerator" && !poisoned.Contains(d.Name)))
        {
            accelerators[declaration.Name] = BindAccelerator(declaration);
        }

        foreach (var declaration in declarations.Where(d => d.Kind == "network" && !poisoned.Contains(d.Name)))
        {
            if (BindNetwork(declaration) is { } network)
            {
                networks[declaration.Name] = network;
            }
            else
            {
                poisoned.Add(declaration.Name);
            }
        }

        var trainings = new List<TrainingSymbol>();
        foreach (var declaration in declarations.Where(d => d.Kind == "training" && !poisoned.Contains(d.Name)))
        {
            if (BindTraining(declaration, accelerators, networks) is { } training)
            {
                trainings.Add(training);
            }
        }

        var sweeps = new List<SweepSymbol>();
        foreach (var declaration in declarations.Where(d => d.Kind == "sweep" && !poisoned.Contains(d.Name)))
        {
            if (BindSweep(declaration, trainings) is { } sweep)
            {
                sweeps.Add(sweep);
            }
        }

        return new BoundModel([.. accelerators.Values], [.. networks.Values], [.. trainings], [.. sweeps]);
    }

    // Gathers declarations from every file; duplicates and declarations with errors in their text are marked.
    private void Collect(SourceSet sources)
    {
        var first = new Dictionary<string, Declaration>(StringComparer.Ordinal);
        foreach (var file in sources.Files)
        {
            if (file.Tree is null || file.Source is null)
            {
                continue;
            }

            var errors = file.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Span).ToList();
            foreach (var statement in file.Tree.Root.Statements.OfType<StatementSyntax>())
            {
                if (statement.Keyword.Name is not ("accelerator" or "network" or "training" or "sweep")
                    || statement.Values.Length != 2
                    || statement.Values[0] is not IdentifierSyntax name
                    || statement.Values[1] is not BlockSyntax body)
                {
                    continue;
                }

                var declaration = new Declaration(statement.Keyword.Name, name.Name, statement, body, file.Source);
                if (first.TryGetValue(name.Name, out var previous))
                {
                    var where = new SourceLocation(previous.Source, previous.Statement.Values[0].Span).ToString();
                    Report(file.Source, name.Span, d => d.DuplicateDeclaration(name.Name, declaration.Kind, previous.Kind, where));
                    continue;
                }

                first.Add(name.Name, declaration);
                declarations.Add(declaration);
                if (errors.Any(span => span.Start >= statement.Span.Start && span.Start <= statement.Span.End))
                {
                    poisoned.Add(name.Name);
                }
            }
        }
    }

    private bool Resolve(Declaration from, StatementSyntax? reference, string kind, out string name)
    {
        name = SyntaxValues.Name(reference) ?? string.Empty;
        if (reference is null || name.Length == 0)
        {
            return false;
        }

        var referenced = name;
        var target = declarations.FirstOrDefault(d => d.Name == referenced);
        var span = reference.Values[0].Span;
        if (target is null)
        {
            var known = declarations.Where(d => d.Kind == kind).Select(d => d.Name).ToArray();
            Report(from.Source, span, d => d.UnknownDeclaration(kind, referenced, known));
            return false;
        }

        if (target.Kind != kind)
        {
            Report(from.Source, span, d => d.WrongDeclarationKind(referenced, kind, target.Kind));
            return false;
        }

        return !poisoned.Contains(name);
    }
}
