using System.Text;

namespace TaxoNN.SourceGen.Emit;

/// <summary>Writes C# line by line with four-space indentation per open brace; lines end with LF.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder output = new();
    private int depth;
    private bool gap;
    private bool afterOpen = true;

    /// <summary>Writes one line at the current indentation, after the blank line that <see cref="Gap"/> asked for.</summary>
    public void Line(string text)
    {
        if (gap && !afterOpen)
        {
            output.Append('\n');
        }

        gap = false;
        afterOpen = false;
        output.Append(' ', depth * 4).Append(text).Append('\n');
    }

    /// <summary>Asks for one blank line before the next line, unless that line opens or closes a block.</summary>
    public void Gap() => gap = true;

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents what follows.</summary>
    public void Open(string header)
    {
        Line(header);
        Line("{");
        depth++;
        afterOpen = true;
    }

    /// <summary>Closes the innermost brace.</summary>
    public void Close()
    {
        depth--;
        gap = false;
        Line("}");
    }

    /// <inheritdoc/>
    public override string ToString() => output.ToString();
}
