using System.Globalization;
using System.Text;

namespace TaxoNN.SourceGen.Pipeline;

/// <summary>
/// Path arithmetic on strings alone: a generator may not touch the file system, and two spellings of one file
/// (<c>a/./b.taxo</c>, <c>a/c/../b.taxo</c>) must be one key. Both '/' and '\' separate folders.
/// </summary>
internal static class GeneratorPaths
{
    /// <summary><paramref name="path"/> without '.' segments and with '..' applied to the folder before it.</summary>
    public static string Normalize(string path)
    {
        var separator = path.Contains('\\') && !path.Contains('/') ? '\\' : '/';
        var rooted = path.Length > 0 && path[0] is '/' or '\\';
        var segments = new List<string>();
        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[^1] != ".." && !IsDrive(segments[^1]))
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else if (segment != ".." || !rooted || segments.Count > 0)
            {
                segments.Add(segment);
            }
        }

        var joined = string.Join(separator.ToString(), segments);
        return rooted ? separator + joined : joined;
    }

    /// <summary>The path of <paramref name="import"/>, as written in the file at <paramref name="importer"/>.</summary>
    public static string Resolve(string importer, string import)
    {
        if (IsRooted(import))
        {
            return Normalize(import);
        }

        var folder = Folder(importer);
        return Normalize(folder.Length == 0 ? import : folder + "/" + import);
    }

    /// <summary>
    /// <paramref name="path"/> relative to <paramref name="folder"/> with '/' separators (with '..' segments when it lies
    /// outside), or the path itself when there is no folder or they share no root.
    /// </summary>
    public static string Relative(string folder, string path)
    {
        path = Normalize(path);
        if (folder.Length == 0)
        {
            return FileName(path);
        }

        var from = Normalize(folder).Split('/', '\\');
        var to = path.Split('/', '\\');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common])
        {
            common++;
        }

        if (common == 0)
        {
            return FileName(path);
        }

        var parts = Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common));
        return string.Join("/", parts.Where(p => p.Length > 0));
    }

    /// <summary>
    /// The hint name of the code generated for the file at <paramref name="relativePath"/>: the path with '..' as '_'
    /// and any character a hint name may not hold as '_', then <c>.g.cs</c>. When a character had to change, a hash of
    /// the path keeps the name unique ('a b.taxo' and 'a_b.taxo' are two files; the compiler refuses two equal names).
    /// </summary>
    public static string HintName(string relativePath)
    {
        var builder = new StringBuilder(relativePath.Length + 5);
        foreach (var segment in relativePath.Split('/'))
        {
            if (builder.Length > 0)
            {
                builder.Append('/');
            }

            if (segment == "..")
            {
                builder.Append('_');
                continue;
            }

            foreach (var c in segment)
            {
                builder.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' or '_' ? c : '_');
            }
        }

        if (builder.ToString() != relativePath)
        {
            builder.Append('.').Append(StableHash(relativePath).ToString("x8", CultureInfo.InvariantCulture));
        }

        return builder.Append(".g.cs").ToString();
    }

    // FNV-1a over the UTF-16 code units: the same on every run and machine, unlike string.GetHashCode.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static string Folder(string path)
    {
        var last = path.LastIndexOfAny(['/', '\\']);
        return last < 0 ? string.Empty : last == 0 ? path[..1] : path[..last];
    }

    private static string FileName(string path) => path[(path.LastIndexOfAny(['/', '\\']) + 1)..];

    private static bool IsRooted(string path) =>
        path.Length > 0 && (path[0] is '/' or '\\' || (path.Length > 1 && path[1] == ':'));

    private static bool IsDrive(string segment) => segment.Length == 2 && segment[1] == ':';
}
