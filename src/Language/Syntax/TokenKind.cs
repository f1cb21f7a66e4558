namespace TaxoNN.Language.Syntax;

/// <summary>The kinds of token the lexer produces.</summary>
public enum TokenKind : byte
{
    /// <summary>A name: a letter or '_' followed by letters, digits and '_'.</summary>
    Identifier,

    /// <summary>A decimal number, optionally signed, with an optional fraction and exponent.</summary>
    Number,

    /// <summary>A double-quoted string.</summary>
    String,

    /// <summary>':'.</summary>
    Colon,

    /// <summary>','.</summary>
    Comma,

    /// <summary>'/' (in units such as words/cycle).</summary>
    Slash,

    /// <summary>'..' (in ranges).</summary>
    DotDot,

    /// <summary>'x' or '×' between dimensions.</summary>
    Times,

    /// <summary>'('.</summary>
    OpenParen,

    /// <summary>')'.</summary>
    CloseParen,

    /// <summary>'['.</summary>
    OpenBracket,

    /// <summary>']'.</summary>
    CloseBracket,

    /// <summary>'{'.</summary>
    OpenBrace,

    /// <summary>'}'.</summary>
    CloseBrace,

    /// <summary>A line break or ';' that ends a statement (only outside parentheses and brackets).</summary>
    Newline,

    /// <summary>The end of the input.</summary>
    EndOfFile,
}
