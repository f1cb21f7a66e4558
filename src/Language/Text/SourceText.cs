namespace TaxoNN.Language.Text;

/// <summary>The text of one source file with its path, and the line table that turns offsets into lines and columns.</summary>
public sealed class SourceText
{
    private int[]? lineStarts;

    /// <summary>Creates a source text; <paramref name="path"/> is how diagnostics name the file.</summary>
    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
    }

    /// <summary>The path diagnostics print for this file.</summary>
    public string Path { get; }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>The number of UTF-16 code units in the text.</summary>
    public int Length => Text.Length;

    /// <summary>The characters of <paramref name="span"/>.</summary>
    public string this[TextSpan span] => Text.Substring(span.Start, span.Length);

    /// <summary>The offsets at which each line starts.</summary>
    public IReadOnlyList<int> LineStarts => lineStarts ??= ComputeLineStarts(Text);

    /// <summary>The one-based line and column of <paramref name="offset"/>; columns count UTF-16 code units.</summary>
    public LinePosition GetPosition(int offset)
    {
        var starts = (int[])LineStarts;
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = Array.BinarySearch(starts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line + 1, offset - starts[line] + 1);
    }

    /// <summary>The text of the one-based <paramref name="line"/>, without its line break.</summary>
    public string GetLineText(int line)
    {
        var starts = (int[])LineStarts;
        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return Text.Substring(start, end - start);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
