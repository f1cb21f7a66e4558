using System.Globalization;
using System.Numerics;
using System.Text;

namespace TaxoNN.Runtime.Serialization;

/// <summary>
/// A strict parser of the Python literals a .npy header is written in: dicts with string keys, tuples, lists,
/// strings, integers, True, False and None. Values come back as <see cref="string"/>, <see cref="BigInteger"/>,
/// <see cref="bool"/>, null for None, <c>object?[]</c> for a tuple, <see cref="List{T}"/> for a list and a list of
/// key-value pairs (in order) for a dict. Anything else is an error with the offset where it was found.
/// </summary>
internal sealed class PythonLiteralParser
{
    private const int MaxDepth = 16;

    // Longer integers are kept as this value: no shape dimension can be that large, so it is reported as too large
    // without the cost of parsing thousands of digits.
    private const int MaxDigits = 40;

    private static readonly BigInteger Huge = BigInteger.Pow(10, MaxDigits);

    private readonly string text;
    private int position;
    private int depth;
    private string? error;

    private PythonLiteralParser(string text) => this.text = text;

    /// <summary>Parses <paramref name="text"/> as one literal, surrounded by optional whitespace.</summary>
    public static bool TryParse(string text, out object? value, out string error)
    {
        var parser = new PythonLiteralParser(text);
        parser.SkipWhitespace();
        if (parser.TryValue(out value))
        {
            parser.SkipWhitespace();
            if (parser.position == text.Length)
            {
                error = string.Empty;
                return true;
            }

            parser.Fail("unexpected text after the header's dict");
        }

        value = null;
        error = parser.error!;
        return false;
    }

    private bool TryValue(out object? value)
    {
        value = null;
        if (position >= text.Length)
        {
            return Fail("the header ends where a value should be");
        }

        var c = text[position];
        return c switch
        {
            '{' => Nested(TryDict, out value),
            '(' => Nested(TryParenthesised, out value),
            '[' => Nested(TryList, out value),
            '\'' or '"' => TryString(out value),
            '-' or (>= '0' and <= '9') => TryInteger(out value),
            _ when char.IsAsciiLetter(c) => TryKeyword(out value),
            _ => Fail($"unexpected character '{Printable(c)}'"),
        };
    }

    private delegate bool Production(out object? value);

    private bool Nested(Production production, out object? value)
    {
        if (++depth > MaxDepth)
        {
            value = null;
            return Fail($"values nested more than {MaxDepth} deep");
        }

        var ok = production(out value);
        depth--;
        return ok;
    }

    private bool TryDict(out object? value)
    {
        value = null;
        var pairs = new List<KeyValuePair<string, object?>>();
        position++;
        while (true)
        {
            SkipWhitespace();
            if (Accept('}'))
            {
                value = pairs;
                return true;
            }

            var keyAt = position;
            if (!TryValue(out var key))
            {
                return false;
            }

            if (key is not string name)
            {
                position = keyAt;
                return Fail("a dict key that is not a string");
            }

            SkipWhitespace();
            if (!Accept(':'))
            {
                return Fail("expected ':' after a dict key");
            }

            SkipWhitespace();
            if (!TryValue(out var item))
            {
                return false;
            }

            pairs.Add(new KeyValuePair<string, object?>(name, item));
            SkipWhitespace();
            if (!Accept(',') && !(position < text.Length && text[position] == '}'))
            {
                return Fail("expected ',' or '}' in the dict");
            }
        }
    }

    // "()" is the empty tuple, "(x,)" and "(x, y)" are tuples, "(x)" is just x, as in Python.
    private bool TryParenthesised(out object? value)
    {
        value = null;
        var items = new List<object?>();
        var sawComma = false;
        position++;
        while (true)
        {
            SkipWhitespace();
            if (Accept(')'))
            {
                value = items.Count == 1 && !sawComma ? items[0] : items.ToArray();
                return true;
            }

            if (!TryValue(out var item))
            {
                return false;
            }

            items.Add(item);
            SkipWhitespace();
            if (Accept(','))
            {
                sawComma = true;
            }
            else if (!(position < text.Length && text[position] == ')'))
            {
                return Fail("expected ',' or ')' in the tuple");
            }
        }
    }

    private bool TryList(out object? value)
    {
        value = null;
        var items = new List<object?>();
        position++;
        while (true)
        {
            SkipWhitespace();
            if (Accept(']'))
            {
                value = items;
                return true;
            }

            if (!TryValue(out var item))
            {
                return false;
            }

            items.Add(item);
            SkipWhitespace();
            if (!Accept(',') && !(position < text.Length && text[position] == ']'))
            {
                return Fail("expected ',' or ']' in the list");
            }
        }
    }

    private bool TryString(out object? value)
    {
        value = null;
        var quote = text[position++];
        var builder = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == quote)
            {
                value = builder.ToString();
                return true;
            }

            if (c is '\n' or '\r')
            {
                break;
            }

            if (c == '\\')
            {
                if (position >= text.Length)
                {
                    break;
                }

                var escaped = text[position++];
                if (escaped is not ('\\' or '\'' or '"'))
                {
                    position -= 2;
                    return Fail($"the escape '\\{Printable(escaped)}' in a string");
                }

                c = escaped;
            }

            builder.Append(c);
        }

        return Fail("a string without its closing quote");
    }

    private bool TryInteger(out object? value)
    {
        value = null;
        var start = position;
        var negative = Accept('-');
        var digitsStart = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        var digits = position - digitsStart;
        if (digits == 0)
        {
            position = start;
            return Fail("a '-' without digits after it");
        }

        if (position < text.Length && (text[position] is '.' or 'e' or 'E' or 'j' or 'x' or '_'))
        {
            return Fail("a number that is not a plain integer");
        }

        // Python 2 wrote long integers with an 'L' suffix, as in "(3L,)".
        Accept('L');
        var magnitude = digits > MaxDigits
            ? Huge
            : BigInteger.Parse(text.AsSpan(digitsStart, digits), NumberStyles.None, CultureInfo.InvariantCulture);
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private bool TryKeyword(out object? value)
    {
        value = null;
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        var word = text[start..position];
        switch (word)
        {
            case "True":
                value = true;
                return true;
            case "False":
                value = false;
                return true;
            case "None":
                return true;
            default:
                position = start;
                return Fail($"the name '{(word.Length > 20 ? word[..17] + "..." : word)}', which is not True, False or None");
        }
    }

    private bool Accept(char c)
    {
        if (position < text.Length && text[position] == c)
        {
            position++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\n' or '\r')
        {
            position++;
        }
    }

    private bool Fail(string message)
    {
        error ??= $"{message} at offset {position} of the header";
        return false;
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) || c > '~'
        ? $"U+{(int)c:X4}"
        : c.ToString();
}
