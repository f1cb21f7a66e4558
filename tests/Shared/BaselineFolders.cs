using System.Text.RegularExpressions;

namespace TaxoNN.Tests.Shared;

/// <summary>
/// The case folders of tests/Baselines (STYLE.md item 7), shared by the language and compiler tests: their names,
/// and running a load from inside a folder so that every path in a diagnostic stays relative to it.
/// </summary>
public static partial class BaselineFolders
{
    private static readonly Lock Gate = new();

    /// <summary>The names of every case folder, sorted.</summary>
    public static IEnumerable<string> Names =>
        Directory.EnumerateDirectories(RepositoryPaths.Baselines)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    /// <summary>Whether the case called <paramref name="name"/> expects diagnostics.</summary>
    public static bool IsInvalid(string name) => name.Contains("Invalid", StringComparison.Ordinal);

    /// <summary>The path of <paramref name="file"/> in the case folder <paramref name="name"/>.</summary>
    public static string PathOf(string name, string file) => Path.Combine(RepositoryPaths.Baselines, name, file);

    /// <summary>Runs <paramref name="load"/> with the case folder as the working directory (one case at a time).</summary>
    public static T InFolder<T>(string name, Func<T> load)
    {
        lock (Gate)
        {
            var previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = Path.Combine(RepositoryPaths.Baselines, name);
            try
            {
                return load();
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }
        }
    }

    /// <summary>The codes in the <c>main.diagnostics.txt</c> of every Invalid case.</summary>
    public static HashSet<string> CodesOfInvalidCases() =>
        Names.Where(IsInvalid)
            .Select(name => PathOf(name, "main.diagnostics.txt"))
            .SelectMany(path => File.Exists(path) ? File.ReadLines(path) : [])
            .Select(CodeOf)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The code of a printed diagnostic line, or null.</summary>
    public static string? CodeOf(string line)
    {
        var match = CodePattern().Match(line);
        return match.Success ? match.Groups["code"].Value : null;
    }

    [GeneratedRegex(@"\): (error|warning|note) (?<code>TAXO[0-9]{4}): ")]
    private static partial Regex CodePattern();
}
