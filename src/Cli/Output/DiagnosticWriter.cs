using System.Globalization;
using System.Text;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Text;

namespace TaxoNN.Cli.Output;

/// <summary>
/// Writes diagnostics one per line; for a person at a terminal, also the source line and a caret line under the span.
/// </summary>
internal sealed class DiagnosticWriter(TextWriter writer, bool showSource)
{
    /// <summary>How many columns of a long source line are shown around the span.</summary>
    public const int WindowWidth = 100;

    private const string Ellipsis = "...";

    /// <summary>Writes <paramref name="diagnostic"/>, followed by its source excerpt when enabled.</summary>
    public void Write(Diagnostic diagnostic)
    {
        writer.WriteLine(diagnostic.ToString());
        if (showSource)
        {
            WriteExcerpt(diagnostic.Source, diagnostic.Span);
        }
    }

    private void WriteExcerpt(SourceText source, TextSpan span)
    {
        // A file that could not be read comes back as empty text: there is no line worth showing.
        if (source.Length == 0)
        {
            return;
        }

        var start = Math.Clamp(span.Start, 0, source.Length);

        // A span at the very end of a file that ends with a line break points past the last line;
        // showing the end of that last line says more than an empty line.
        if (start == source.Length && source.Text[^1] == '\n' && start > 0)
        {
            start--;
            while (start > 0 && source.Text[start - 1] == '\r')
            {
                start--;
            }

            span = new TextSpan(start, 0);
        }

        var position = source.GetPosition(start);
        var line = source.GetLineText(position.Line);
        var column = Math.Min(position.Column - 1, line.Length);

        // Underline at least one column; a span that runs onto later lines is underlined to the end of its first line.
        var end = Math.Clamp(column + Math.Max(span.Length, 1), column + 1, Math.Max(line.Length, column + 1));
        var (from, to) = Window(line.Length, column, end);

        var shown = new StringBuilder();
        var marks = new StringBuilder();
        if (from > 0)
        {
            shown.Append(Ellipsis);
            marks.Append(' ', Ellipsis.Length);
        }

        for (var i = from; i < to; i++)
        {
            shown.Append(Printable(line[i]));
        }

        if (to < line.Length)
        {
            shown.Append(Ellipsis);
        }

        marks.Append(' ', Math.Max(column - from, 0));
        var caretStart = Math.Max(column, from);
        var caretEnd = Math.Min(end, Math.Max(to, caretStart + 1));
        marks.Append('^');
        marks.Append('~', Math.Max(caretEnd - caretStart - 1, 0));

        var number = position.Line.ToString(CultureInfo.InvariantCulture);
        writer.WriteLine($" {number} | {shown}");
        writer.WriteLine($" {new string(' ', number.Length)} | {marks}");
    }

    // The columns [from, to) of a line of the given length to show so that the span [column, end) is in view.
    private static (int From, int To) Window(int length, int column, int end)
    {
        if (length <= WindowWidth)
        {
            return (0, length);
        }

        // Keep some context before the span; a span wider than the window is shown from its start.
        var visible = Math.Min(end - column, WindowWidth - 20);
        var from = Math.Max(0, column - ((WindowWidth - visible) / 2));
        var to = Math.Min(length, from + WindowWidth);
        from = Math.Max(0, Math.Min(from, to - WindowWidth));
        return (from, to);
    }

    // Tabs become one space so the caret line stays aligned; control characters (escape sequences in a hostile
    // file) must not reach the terminal.
    private static char Printable(char c) => c == '\t' ? ' ' : char.IsControl(c) ? '?' : c;
}
