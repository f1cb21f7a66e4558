using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Pidgin;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Parsing;

/// <summary>
/// Parses statements one per line until the end of the file or, inside a block, the closing '}'. Pidgin stops at
/// the first error, so recovery is ours: a statement that fails is reported, skipped up to the end of its line
/// (stepping over anything bracketed) and kept in the tree as <see cref="SkippedSyntax"/>, and parsing goes on.
/// This gives recovery at declaration level (top-level statements) and at layer level (statements in blocks).
/// </summary>
internal sealed class StatementListParser : Parser<Token, ImmutableArray<SyntaxNode>>
{
    private readonly Parser<Token, StatementSyntax?> statement;
    private readonly bool insideBlock;

    public StatementListParser(Parser<Token, StatementSyntax> statement, bool insideBlock)
    {
        // A failed statement becomes a null result that carries its error to Recover, without consuming more.
        this.statement = statement.Select(s => (StatementSyntax?)s)
            .RecoverWith(error => new FailureParser(error));
        this.insideBlock = insideBlock;
    }

    public override bool TryParse(
        ref ParseState<Token> state,
        ref PooledList<Expected<Token>> expecteds,
        [MaybeNullWhen(false)] out ImmutableArray<SyntaxNode> result)
    {
        var context = ParseContext.Current;
        var tokens = context.Tokens;
        var items = ImmutableArray.CreateBuilder<SyntaxNode>();
        while (true)
        {
            var next = (int)state.Location;
            while (tokens[next].Kind == TokenKind.Newline)
            {
                next++;
            }

            if (insideBlock && StartsDeclaration(context, tokens, next))
            {
                // A declaration keyword at the start of a line inside a block almost always means the block's
                // '}' was forgotten: end the block here, before the line break that ends the enclosing statement
                // (BlockParser reports the missing '}'), rather than swallow the declaration.
                break;
            }

            state.Advance(next - (int)state.Location);
            var token = state.Current;
            if (token.Kind == TokenKind.EndOfFile || (token.Kind == TokenKind.CloseBrace && insideBlock))
            {
                break;
            }

            var start = (int)state.Location;
            if (token.Kind != TokenKind.Identifier)
            {
                context.Report(token.Span, d => token.Kind is TokenKind.CloseBrace or TokenKind.CloseParen or TokenKind.CloseBracket
                    ? d.UnmatchedCloser(token.Describe())
                    : d.ExpectedStatement(token.Describe()));
                SkipToEndOfStatement(ref state, tokens, start);
                items.Add(Skipped(context, tokens, start, (int)state.Location));
                continue;
            }

            if (!statement.TryParse(ref state, ref expecteds, out var parsed))
            {
                // FailureParser never fails; this is a bug in our parser.
                throw new InvalidOperationException("A statement parser failed without recovering.");
            }

            if (parsed is not null)
            {
                items.Add(parsed);
                continue;
            }

            var failure = FailureParser.TakeLast();
            ReportFailure(context, tokens, failure);
            SkipToEndOfStatement(ref state, tokens, start);
            items.Add(Skipped(context, tokens, start, (int)state.Location));
        }

        result = items.ToImmutable();
        return true;
    }

    private static bool StartsDeclaration(ParseContext context, Token[] tokens, int index)
    {
        var token = tokens[index];
        var text = context.Source.Text;
        if (token.Kind != TokenKind.Identifier || (token.Start != 0 && text[token.Start - 1] != '\n'))
        {
            return false;
        }

        // Only the full shape of a declaration counts: 'network N' inside a training block is a setting, even
        // when it is not indented, while 'network N {' starts a new declaration.
        return token.Text is "import"
            ? tokens[index + 1].Kind == TokenKind.String
            : token.Text is "accelerator" or "network" or "training" or "sweep"
                && tokens[index + 1].Kind == TokenKind.Identifier
                && index + 2 < tokens.Length && tokens[index + 2].Kind == TokenKind.OpenBrace;
    }

    private static SkippedSyntax Skipped(ParseContext context, Token[] tokens, int first, int end)
    {
        var span = TextSpan.FromBounds(tokens[first].Start, tokens[Math.Max(first, end - 1)].Span.End);
        var text = span.Length <= 200 ? context.Source[span] : context.Source[new TextSpan(span.Start, 197)] + "...";
        return new SkippedSyntax(span, text);
    }

    // Skips to the line break or '}' that ends the statement at this level, always consuming at least one token.
    // Brackets opened while skipping are tracked by kind, so that a '}' closing the enclosing block is never
    // swallowed by an unclosed '(' or '[' inside the statement.
    private static void SkipToEndOfStatement(ref ParseState<Token> state, Token[] tokens, int start)
    {
        var open = new List<TokenKind>();
        while (true)
        {
            var kind = state.Current.Kind;
            if (kind == TokenKind.EndOfFile
                || (open.Count == 0 && kind == TokenKind.Newline && state.Current.Text != Token.SemicolonInBrackets)
                || (kind == TokenKind.CloseBrace && !open.Contains(TokenKind.OpenBrace)))
            {
                break;
            }

            var opener = kind switch
            {
                TokenKind.CloseParen => TokenKind.OpenParen,
                TokenKind.CloseBracket => TokenKind.OpenBracket,
                TokenKind.CloseBrace => TokenKind.OpenBrace,
                _ => (TokenKind?)null,
            };
            if (kind is TokenKind.OpenParen or TokenKind.OpenBracket or TokenKind.OpenBrace)
            {
                open.Add(kind);
            }
            else if (opener is { } match && open.LastIndexOf(match) is var index and >= 0)
            {
                open.RemoveRange(index, open.Count - index);
            }

            state.Advance();
        }

        if (state.Location == start && tokens[start].Kind is not (TokenKind.EndOfFile or TokenKind.Newline))
        {
            state.Advance();
        }
    }

    private static void ReportFailure(ParseContext context, Token[] tokens, ParseError<Token> error)
    {
        var index = Math.Clamp(error.ErrorOffset, 0, tokens.Length - 1);
        var labels = error.Expected.Select(e => e.Label).Where(l => l is not null).ToHashSet();

        // In "conv2d(filters: 6 kernel: 5)" the forgotten ',' makes 'kernel' the unit of 6, so the parser fails at
        // the ':'. Point at the name instead, where the ',' is missing.
        if (tokens[index].Kind == TokenKind.Colon && index >= 2
            && tokens[index - 1].Kind == TokenKind.Identifier && tokens[index - 2].Kind == TokenKind.Number
            && (labels.Contains(Labels.CloseParenthesis) || labels.Contains(Labels.CloseBracket)))
        {
            index--;
        }

        var found = tokens[index];
        var foundText = found.Describe();
        var after = index > 0 ? tokens[index - 1].Describe() : "the start of the file";
        var span = found.Kind == TokenKind.EndOfFile ? new TextSpan(Math.Max(0, found.Start - 1), found.Start > 0 ? 1 : 0) : found.Span;
        if (found.Kind == TokenKind.Newline)
        {
            span = new TextSpan(found.Start, 0);
        }

        context.Report(span, d =>
        {
            if (found.Kind == TokenKind.Comma && (labels.Contains(Labels.Value) || labels.Contains(Labels.CloseParenthesis) || labels.Contains(Labels.CloseBracket)))
            {
                return d.ExpectedValue(after, foundText);
            }

            if (labels.Contains(Labels.CloseParenthesis))
            {
                return d.MissingCloseParenthesis(foundText);
            }

            if (labels.Contains(Labels.CloseBracket))
            {
                return d.MissingCloseBracket(foundText);
            }

            if (labels.Contains(Labels.Number))
            {
                return d.ExpectedNumber(after, foundText);
            }

            if (labels.Contains(Labels.Name) && !labels.Contains(Labels.Value))
            {
                return d.ExpectedName(after, foundText);
            }

            if (labels.Contains(Labels.EndOfStatement))
            {
                return found.Kind is TokenKind.CloseParen or TokenKind.CloseBracket
                    ? d.UnmatchedCloser(foundText)
                    : d.ExpectedEndOfStatement(foundText);
            }

            return d.ExpectedValue(after, foundText);
        });
    }

    /// <summary>Succeeds without consuming, remembering the error it stands for; the list parser picks it up.</summary>
    private sealed class FailureParser(ParseError<Token> error) : Parser<Token, StatementSyntax?>
    {
        [ThreadStatic]
        private static ParseError<Token>? last;

        public static ParseError<Token> TakeLast()
        {
            var error = last ?? throw new InvalidOperationException("No statement failure was recorded.");
            last = null;
            return error;
        }

        public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, out StatementSyntax? result)
        {
            last = error;
            result = null;
            return true;
        }
    }
}
