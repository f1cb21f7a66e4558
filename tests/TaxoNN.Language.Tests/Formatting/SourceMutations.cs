using CsCheck;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Tests.Formatting;

/// <summary>Generators of damaged copies of a source text, by characters and by the lexer's tokens.</summary>
internal static class SourceMutations
{
    // The pieces most likely to confuse a lexer or a parser, besides any one UTF-16 code unit.
    private static readonly string[] Tricky =
    [
        "{", "}", "(", ")", "[", "]", "\"", "\\", "/*", "*/", "//", "/", "\n", "\r\n", "\r", ";", ":", ",", "..", ".",
        "x", "\u00D7", "-", "+", "e", "0", "9", "1.5", "-3", "1e400", " ", "\t", "import", "network", "{}", "\"\"",
        "\u00E9", "\U0001F600", "\u2028", "\0",

        // Whole comments, so that many mutants still parse and put the formatter's comment placement to the test.
        "/* c */", " // c\n", "\n// c\n", "/* a\n  b */", "\n\n", "\n/* c */ ",
    ];

    private static readonly Gen<string> Fragment = Gen.Frequency(
        (4, Gen.OneOf(Tricky)),
        (2, Gen.Char.Select(c => c.ToString())),
        (1, Gen.Char[" -~"].Array[1, 6].Select(chars => new string(chars))));

    // Where to edit, as a fraction of the text's length in millionths, so the same draw fits any length.
    private static readonly Gen<int> Place = Gen.Int[0, 1_000_000];

    private static readonly Gen<Func<string, string>> CharacterEdit = Gen.Frequency(
        (2, Gen.Select(Place, Fragment, (place, fragment) => (Func<string, string>)(text => text.Insert(At(place, text.Length), fragment)))),
        (2, Gen.Select(Place, Gen.Int[1, 8], (place, length) => (Func<string, string>)(text => Remove(text, At(place, text.Length), length)))),
        (2, Gen.Select(Place, Gen.Int[1, 4], Fragment, (place, length, fragment) => (Func<string, string>)(text =>
        {
            var at = At(place, text.Length);
            var removed = Remove(text, at, length);
            return removed.Insert(Math.Min(at, removed.Length), fragment);
        }))));

    /// <summary>One to four character edits of <paramref name="text"/>: insertions, deletions and replacements.</summary>
    public static Gen<string> Characters(string text) =>
        CharacterEdit.Array[1, 4].Select(edits => edits.Aggregate(text, (current, edit) => edit(current)));

    /// <summary>One to three token edits of <paramref name="text"/>: a token deleted, duplicated, swapped with another or replaced by another.</summary>
    public static Gen<string> Tokens(string text)
    {
        var (tokens, _) = Lexer.Lex(new SourceText("example.taxo", text), new DiagnosticBag());
        var words = tokens.Where(t => t.Kind != TokenKind.EndOfFile).ToArray();

        // The text as alternating gaps and tokens, so that edits of tokens keep comments and spacing around them.
        var gaps = new string[words.Length + 1];
        var previousEnd = 0;
        for (var i = 0; i < words.Length; i++)
        {
            gaps[i] = text[previousEnd..words[i].Start];
            previousEnd = words[i].Span.End;
        }

        gaps[^1] = text[previousEnd..];
        var original = words.Select(t => text.Substring(t.Start, t.Length)).ToArray();

        var index = Gen.Int[0, words.Length - 1];
        var edit = Gen.Select(Gen.Int[0, 3], index, index, (kind, i, j) => (Action<string[]>)(pieces =>
        {
            switch (kind)
            {
                case 0:
                    pieces[i] = string.Empty;
                    break;
                case 1:
                    pieces[i] = pieces[i] + " " + pieces[i];
                    break;
                case 2:
                    (pieces[i], pieces[j]) = (pieces[j], pieces[i]);
                    break;
                default:
                    pieces[i] = original[j];
                    break;
            }
        }));

        return edit.Array[1, 3].Select(edits =>
        {
            var pieces = (string[])original.Clone();
            foreach (var apply in edits)
            {
                apply(pieces);
            }

            return string.Concat(gaps.Zip([.. pieces, string.Empty], (gap, piece) => gap + piece));
        });
    }

    private static int At(int place, int length) => (int)((long)place * length / 1_000_000);

    private static string Remove(string text, int start, int length) =>
        text.Remove(Math.Min(start, text.Length), Math.Min(length, text.Length - Math.Min(start, text.Length)));
}
