namespace TaxoNN.Language.Text;

/// <summary>A range of UTF-16 code units in a source text: offsets inside, line and column only when printing.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>The offset just past the span.</summary>
    public int End => Start + Length;

    /// <summary>Creates the span from <paramref name="start"/> up to, not including, <paramref name="end"/>.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    /// <summary>The smallest span that covers both spans.</summary>
    public TextSpan Cover(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));

    /// <summary>Whether the span lies inside a text of <paramref name="textLength"/> code units.</summary>
    public bool IsInside(int textLength) => Start >= 0 && Length >= 0 && End <= textLength;

    /// <inheritdoc/>
    public override string ToString() => $"[{Start}..{End})";
}
