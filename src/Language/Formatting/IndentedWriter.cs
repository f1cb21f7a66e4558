using System.Text;

namespace TaxoNN.Language.Formatting;

/// <summary>
/// Builds formatted text line by line with two-space indentation. Spaces between parts are requested rather than
/// written, so that no line starts or ends with one and two requests never make two spaces.
/// </summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder output = new();
    private int depth;
    private bool atLineStart = true;
    private bool spacePending;

    /// <summary>Indents the lines started from now on by one more level.</summary>
    public void Indent() => depth++;

    /// <summary>Undoes one <see cref="Indent"/>.</summary>
    public void Dedent() => depth--;

    /// <summary>Asks for one space before the next text on this line.</summary>
    public void Space() => spacePending = true;

    /// <summary>Writes <paramref name="text"/>, indenting it if it starts a line.</summary>
    public void Write(string text)
    {
        if (atLineStart)
        {
            output.Append(' ', depth * 2);
            atLineStart = false;
        }
        else if (spacePending)
        {
            output.Append(' ');
        }

        spacePending = false;
        output.Append(text);
    }

    /// <summary>Ends the current line, unless nothing has been written on it.</summary>
    public void NewLine()
    {
        if (!atLineStart)
        {
            output.Append('\n');
            atLineStart = true;
        }

        spacePending = false;
    }

    /// <summary>Ends the current line and leaves one empty line after it, never more and never at the start.</summary>
    public void BlankLine()
    {
        NewLine();
        if (output.Length > 0 && !(output.Length >= 2 && output[^2] == '\n'))
        {
            output.Append('\n');
        }
    }

    /// <inheritdoc/>
    public override string ToString() => output.ToString();
}
