using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>
/// Turns source text into tokens, keeping comments aside for the formatter. Line breaks become
/// <see cref="TokenKind.Newline"/> tokens only where they end statements: at the top level and directly inside
/// braces, never inside parentheses or brackets. Brackets nested deeper than <see cref="MaxNesting"/> are
/// skipped with one diagnostic, so that the recursive parser never runs out of stack.
/// </summary>
/// <remarks>Hand-written rather than built with Pidgin: one pass, no backtracking, and it decides where line breaks
/// matter, which a character-level combinator grammar can only do with a lot of lookahead.</remarks>
public sealed class Lexer
{
    /// <summary>The deepest nesting of brackets the parser accepts.</summary>
    public const int MaxNesting = 64;

    // Names and numbers repeat (keywords, layer kinds, small sizes): a direct-mapped cache of their strings spares
    // most of the lexer's allocations, and with them most of the garbage collector's work on large files. Small
    // files get a small cache, so that lexing one costs no more than it did without.
    private const int MaxTextCacheSize = 4096;
    private const int MaxCachedLength = 32;

    private readonly SourceText source;
    private readonly string text;
    private readonly DiagnosticBag diagnostics;
    private readonly List<Token> tokens;
    private readonly ImmutableArray<Comment>.Builder comments = ImmutableArray.CreateBuilder<Comment>();
    private readonly List<char> open = [];
    private readonly string?[] textCache;
    private int position;

    private Lexer(SourceText source, DiagnosticBag diagnostics)
    {
        this.source = source;
        text = source.Text;
        this.diagnostics = diagnostics;
        tokens = new List<Token>(Math.Min(text.Length / 3 + 16, 1 << 24));
        textCache = new string?[Math.Clamp((int)BitOperations.RoundUpToPowerOf2((uint)(text.Length / 64)), 64, MaxTextCacheSize)];
    }

    /// <summary>Splits <paramref name="source"/> into tokens, ending with one <see cref="TokenKind.EndOfFile"/> token.</summary>
    public static (Token[] Tokens, ImmutableArray<Comment> Comments) Lex(SourceText source, DiagnosticBag diagnostics)
    {
        var lexer = new Lexer(source, diagnostics);
        lexer.Run();
        return ([.. lexer.tokens], lexer.comments.ToImmutable());
    }

    private bool NewlinesMatter => open.Count == 0 || open[^1] == '{';

    private void Run()
    {
        while (position < text.Length)
        {
            var c = text[position];
            switch (c)
            {
                case '\n':
                    EmitNewline(position, null);
                    position++;
                    break;
                case ';':
                    EmitNewline(position, ";");
                    position++;
                    break;
                case ' ' or '\t' or '\r':
                    position++;
                    break;
                case '/' when Peek(1) == '/':
                    LineComment();
                    break;
                case '/' when Peek(1) == '*':
                    BlockComment();
                    break;
                case '"':
                    StringLiteral();
                    break;
                case ':':
                    Emit(TokenKind.Colon, 1);
                    break;
                case ',':
                    Emit(TokenKind.Comma, 1);
                    break;
                case '/':
                    Emit(TokenKind.Slash, 1);
                    break;
                case '.' when Peek(1) == '.':
                    Emit(TokenKind.DotDot, 2);
                    break;
                case '\u00D7':
                    Emit(TokenKind.Times, 1);
                    break;
                case '(' or '[' or '{':
                    Opener(c);
                    break;
                case ')' or ']' or '}':
                    Closer(c);
                    break;
                default:
                    if (IsDigit(c) || ((c == '-' || c == '+') && IsDigit(Peek(1))))
                    {
                        NumberLiteral();
                    }
                    else if (IsIdentifierStart(c))
                    {
                        Identifier();
                    }
                    else if (char.IsWhiteSpace(c))
                    {
                        position++;
                    }
                    else
                    {
                        UnexpectedCharacters();
                    }

                    break;
            }
        }

        tokens.Add(new Token(TokenKind.EndOfFile, text.Length, 0, null));
    }

    private char Peek(int offset) => position + offset < text.Length ? text[position + offset] : '\0';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    private string TokenText(int start, int length)
    {
        if (length > MaxCachedLength)
        {
            return text.Substring(start, length);
        }

        var span = text.AsSpan(start, length);
        var hash = 2166136261u;
        foreach (var c in span)
        {
            hash = (hash ^ c) * 16777619u;
        }

        ref var slot = ref textCache[hash & (uint)(textCache.Length - 1)];
        if (slot is null || !span.SequenceEqual(slot))
        {
            slot = span.ToString();
        }

        return slot;
    }

    private void Emit(TokenKind kind, int length, string? tokenText = null)
    {
        tokens.Add(new Token(kind, position, length, tokenText));
        position += length;
    }

    private void EmitNewline(int at, string? tokenText)
    {
        // A ';' inside parentheses or brackets is kept, so that the parser reports it instead of ignoring it.
        var semicolonInBrackets = tokenText is not null && !NewlinesMatter;
        if ((!NewlinesMatter && !semicolonInBrackets) || tokens.Count == 0 || tokens[^1].Kind == TokenKind.Newline)
        {
            return;
        }

        tokens.Add(new Token(TokenKind.Newline, at, 1, semicolonInBrackets ? Token.SemicolonInBrackets : tokenText));
    }

    private void Report(TextSpan span, Func<DiagnosticBuilder, Diagnostic> make)
    {
        if (diagnostics.IsFull)
        {
            diagnostics.CountDropped();
            return;
        }

        diagnostics.Add(make(DiagnosticBuilder.ForSpan(source, span)));
    }

    private void LineComment()
    {
        var start = position;
        var end = text.IndexOf('\n', start);
        if (end < 0)
        {
            end = text.Length;
        }

        if (end > start && text[end - 1] == '\r')
        {
            end--;
        }

        comments.Add(new Comment(TextSpan.FromBounds(start, end), false, text[start..end]));
        position = end;
    }

    private void BlockComment()
    {
        var start = position;
        var close = text.IndexOf("*/", start + 2, StringComparison.Ordinal);
        int end;
        if (close < 0)
        {
            Report(new TextSpan(start, 2), d => d.UnterminatedComment());
            end = text.Length;
        }
        else
        {
            end = close + 2;
        }

        comments.Add(new Comment(TextSpan.FromBounds(start, end), true, text[start..end]));

        // A block comment that spans lines still ends the statement it interrupts, as the line break would.
        if (text.IndexOf('\n', start, end - start) >= 0)
        {
            EmitNewline(start, null);
        }

        position = end;
    }

    private void StringLiteral()
    {
        var start = position;
        var i = position + 1;
        var terminated = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                terminated = true;
                i++;
                break;
            }

            if (c is '\n' or '\r')
            {
                break;
            }

            if (c == '\\')
            {
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                if (next is '\\' or '"' or 'n' or 'r' or 't')
                {
                    i += 2;
                    continue;
                }

                if (next is '\0' or '\n' or '\r')
                {
                    i++;
                    break;
                }

                var escape = text.Substring(i, char.IsSurrogatePair(text, i + 1) ? 3 : 2);
                Report(new TextSpan(i, escape.Length), d => d.InvalidEscape(escape));
                i += escape.Length;
                continue;
            }

            i++;
        }

        if (!terminated)
        {
            Report(TextSpan.FromBounds(start, i), d => d.UnterminatedString());
        }

        position = start;
        Emit(TokenKind.String, i - start, text[start..i]);
    }

    private void NumberLiteral()
    {
        var start = position;
        var i = position;
        if (text[i] is '-' or '+')
        {
            i++;
        }

        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        var isInteger = true;
        var malformed = false;
        if (i < text.Length && text[i] == '.' && (i + 1 >= text.Length || text[i + 1] != '.'))
        {
            isInteger = false;
            i++;
            if (i >= text.Length || !IsDigit(text[i]))
            {
                malformed = true;
            }

            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }

            // "1.2.3": swallow the rest so that it is one malformed number, not a number and a stray '.'.
            while (i + 1 < text.Length && text[i] == '.' && IsDigit(text[i + 1]))
            {
                malformed = true;
                i++;
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && IsDigit(text[j]))
            {
                isInteger = false;
                i = j;
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }
        }

        var literal = TokenText(start, i - start);
        var span = TextSpan.FromBounds(start, i);
        if (malformed)
        {
            Report(span, d => d.MalformedNumber(literal));
        }
        else if (isInteger
            ? !long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            : !double.IsFinite(double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture)))
        {
            Report(span, d => d.NumberTooLarge(literal));
        }

        Emit(TokenKind.Number, i - start, literal);
    }

    private void Identifier()
    {
        var start = position;

        // "1x28x28": an 'x' glued to a number and followed by a digit is the dimension operator.
        if (text[start] == 'x' && IsDigit(Peek(1)) && tokens.Count > 0
            && tokens[^1].Kind == TokenKind.Number && tokens[^1].Start + tokens[^1].Length == start)
        {
            Emit(TokenKind.Times, 1);
            return;
        }

        var i = start + 1;
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        if (i - start == 1 && text[start] == 'x')
        {
            Emit(TokenKind.Times, 1);
            return;
        }

        Emit(TokenKind.Identifier, i - start, TokenText(start, i - start));
    }

    private void Opener(char c)
    {
        if (open.Count >= MaxNesting)
        {
            Report(new TextSpan(position, 1), d => d.NestingTooDeep(MaxNesting));
            SkipNested();
            return;
        }

        open.Add(c);
        Emit(c switch { '(' => TokenKind.OpenParen, '[' => TokenKind.OpenBracket, _ => TokenKind.OpenBrace }, 1);
    }

    private void Closer(char c)
    {
        var opener = c switch { ')' => '(', ']' => '[', _ => '{' };
        var index = open.LastIndexOf(opener);
        if (index >= 0)
        {
            open.RemoveRange(index, open.Count - index);
        }

        Emit(c switch { ')' => TokenKind.CloseParen, ']' => TokenKind.CloseBracket, _ => TokenKind.CloseBrace }, 1);
    }

    // Skips from an over-deep opener to the closer that balances it (or the end), stepping over strings and comments.
    private void SkipNested()
    {
        var depth = 0;
        while (position < text.Length)
        {
            var c = text[position];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    position++;
                    return;
                }
            }
            else if (c == '"')
            {
                var end = text.IndexOfAny(['"', '\n'], position + 1);
                position = end < 0 ? text.Length : end;
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var end = text.IndexOf("*/", position + 2, StringComparison.Ordinal);
                position = end < 0 ? text.Length : end + 1;
            }

            position++;
        }
    }

    private void UnexpectedCharacters()
    {
        var start = position;
        while (position < text.Length)
        {
            var c = text[position];
            if (IsIdentifierStart(c) || IsDigit(c) || char.IsWhiteSpace(c) || "\";:,/.()[]{}\u00D7-+".Contains(c))
            {
                break;
            }

            position++;
        }

        if (position == start)
        {
            // A lone '.', '-' or '+' that starts nothing.
            position++;
        }

        var span = TextSpan.FromBounds(start, position);
        var characters = text.Substring(span.Start, span.Length);
        Report(span, d => d.UnexpectedCharacter(characters));
    }
}
