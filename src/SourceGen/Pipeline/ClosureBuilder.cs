using TaxoNN.SourceGen.Models;

namespace TaxoNN.SourceGen.Pipeline;

/// <summary>Collects the AdditionalFiles a file imports, directly or through others, in the order they are reached.</summary>
internal static class ClosureBuilder
{
    /// <summary>The closure of <paramref name="root"/> among <paramref name="all"/>; imports of other files are left to the checks.</summary>
    public static FileClosure Build(ScannedFile root, IReadOnlyList<ScannedFile> all, CancellationToken cancellationToken)
    {
        var byPath = new Dictionary<string, ScannedFile>(StringComparer.Ordinal);
        foreach (var file in all)
        {
            byPath[file.File.Path] = file;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { root.File.Path };
        var imported = new List<ScannedFile>();
        var queue = new Queue<ScannedFile>();
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var import in queue.Dequeue().Imports)
            {
                if (seen.Add(import.ResolvedPath) && byPath.TryGetValue(import.ResolvedPath, out var file))
                {
                    imported.Add(file);
                    queue.Enqueue(file);
                }
            }
        }

        return new FileClosure(root, imported.ToEquatableArray());
    }
}
