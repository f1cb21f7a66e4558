using System.Collections.Immutable;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Parsing;
using TaxoNN.Language.Schema;
using TaxoNN.Language.Syntax;

namespace TaxoNN.Language.Sources;

/// <summary>
/// The files a check starts from and every file they import, each parsed and checked for structure once.
/// Import problems (missing files, cycles) are reported at the import statement that causes them.
/// </summary>
public sealed class SourceSet
{
    private SourceSet(ImmutableArray<SourceFile> files)
    {
        Files = files;
    }

    /// <summary>Every file, roots first in the order given, then imports in the order they were reached.</summary>
    public ImmutableArray<SourceFile> Files { get; }

    /// <summary>All diagnostics, file by file in <see cref="Files"/> order, each file's in source order.</summary>
    public IEnumerable<Diagnostic> Diagnostics => Files.SelectMany(f => f.Diagnostics);

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Loads <paramref name="roots"/> and, transitively, what they import.</summary>
    public static SourceSet Load(IEnumerable<string> roots, ISourceProvider provider)
    {
        var loader = new Loader(provider);
        foreach (var root in roots)
        {
            loader.Visit(root, []);
        }

        return new SourceSet([.. loader.Order.Select(key => loader.Build(key))]);
    }

    private sealed class Loader(ISourceProvider provider)
    {
        private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

        public List<string> Order { get; } = [];

        public SourceFile Build(string key)
        {
            var entry = entries[key];
            var diagnostics = entry.Load.Source is null
                ? [.. entry.Diagnostics]
                : SyntaxParser.SortAndCap(entry.Load.Source, entry.Diagnostics, entry.DroppedCount);
            return new SourceFile(entry.Path, entry.Load.Source, entry.Tree, [.. entry.Imports], diagnostics);
        }

        // Visits the file at path; 'stack' holds the keys of the files importing it, for cycle detection.
        public void Visit(string path, List<string> stack)
        {
            var key = provider.Key(path);
            if (entries.ContainsKey(key))
            {
                return;
            }

            var load = provider.Load(path);
            var entry = new Entry(path, load);
            entries.Add(key, entry);
            Order.Add(key);
            entry.Diagnostics.AddRange(load.Diagnostics);
            if (load.Source is null)
            {
                return;
            }

            var tree = SyntaxParser.Parse(load.Source);
            entry.Tree = tree;
            var structure = StructureChecker.Check(tree);
            entry.Diagnostics.AddRange(tree.Diagnostics);
            entry.DroppedCount = tree.Diagnostics.Any(d => d.Code == DiagnosticDescriptors.TooManyDiagnostics.Code) ? 1 : 0;
            entry.Diagnostics.AddRange(structure.Items);
            entry.DroppedCount += structure.Dropped;

            stack.Add(key);
            foreach (var statement in tree.Root.Statements.OfType<StatementSyntax>())
            {
                if (statement.Keyword.Name != "import" || statement.Label is not null
                    || statement.Values.Length != 1 || statement.Values[0] is not StringSyntax target)
                {
                    continue;
                }

                var importPath = provider.Resolve(path, target.Value);
                var importKey = provider.Key(importPath);
                var builder = DiagnosticBuilder.ForSpan(load.Source, target.Span);
                var cycleStart = stack.IndexOf(importKey);
                if (cycleStart >= 0)
                {
                    var cycle = stack.Skip(cycleStart).Select(k => entries[k].Path).Append(importPath).ToList();
                    entry.Diagnostics.Add(builder.ImportCycle(cycle));
                    continue;
                }

                entry.Imports.Add(importPath);
                Visit(importPath, stack);
                var imported = entries[importKey];
                if (imported.Load.Source is null && imported.Load.NotFound)
                {
                    entry.Diagnostics.Add(builder.ImportNotFound(target.Value));
                    imported.Diagnostics.Clear();
                }
                else if (imported.Load.Source is null)
                {
                    var code = imported.Load.Diagnostics.Length > 0 ? imported.Load.Diagnostics[0].Code : DiagnosticDescriptors.CannotReadFile.Code;
                    entry.Diagnostics.Add(builder.ImportUnreadable(target.Value, code));
                }
            }

            stack.RemoveAt(stack.Count - 1);
        }
    }

    private sealed class Entry(string path, SourceLoadResult load)
    {
        public string Path { get; } = path;

        public SourceLoadResult Load { get; } = load;

        public SyntaxTree? Tree { get; set; }

        public List<Diagnostic> Diagnostics { get; } = [];

        public List<string> Imports { get; } = [];

        public int DroppedCount { get; set; }
    }
}
