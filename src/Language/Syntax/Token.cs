using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>One token: its kind, where it is, and for names, numbers and strings its text.</summary>
public readonly record struct Token(TokenKind Kind, int Start, int Length, string? Text)
{
    /// <summary>The text of a ';' inside parentheses or brackets, where it ends nothing and is an error.</summary>
    public const string SemicolonInBrackets = ";(";

    /// <summary>The span the token covers.</summary>
    public TextSpan Span => new(Start, Length);

    /// <summary>How a diagnostic names this token.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Identifier => $"the name '{Shorten(Text)}'",
        TokenKind.Number => $"the number '{Shorten(Text)}'",
        TokenKind.String => "a string",
        TokenKind.Colon => "':'",
        TokenKind.Comma => "','",
        TokenKind.Slash => "'/'",
        TokenKind.DotDot => "'..'",
        TokenKind.Times => "'x'",
        TokenKind.OpenParen => "'('",
        TokenKind.CloseParen => "')'",
        TokenKind.OpenBracket => "'['",
        TokenKind.CloseBracket => "']'",
        TokenKind.OpenBrace => "'{'",
        TokenKind.CloseBrace => "'}'",
        TokenKind.Newline => Text is ";" or SemicolonInBrackets ? "';'" : "the end of the line",
        _ => "the end of the file",
    };

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 40 ? text : text[..37] + "...";
}
