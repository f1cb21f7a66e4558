using System.Text;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>A double-quoted string, kept as written (quotes and escapes included); <see cref="Value"/> decodes it.</summary>
public sealed record StringSyntax(TextSpan Span, string Text) : ValueSyntax(Span)
{
    /// <summary>The string's contents with escapes decoded.</summary>
    public string Value
    {
        get
        {
            var inner = Text.Length >= 2 && Text[^1] == '"' ? Text[1..^1] : Text[1..];
            if (!inner.Contains('\\'))
            {
                return inner;
            }

            var builder = new StringBuilder(inner.Length);
            for (var i = 0; i < inner.Length; i++)
            {
                if (inner[i] == '\\' && i + 1 < inner.Length)
                {
                    i++;
                    builder.Append(inner[i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var other => other });
                }
                else
                {
                    builder.Append(inner[i]);
                }
            }

            return builder.ToString();
        }
    }
}
