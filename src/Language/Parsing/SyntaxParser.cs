using System.Collections.Immutable;
using Pidgin;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;
using static Pidgin.Parser;
using static Pidgin.Parser<TaxoNN.Language.Syntax.Token>;

namespace TaxoNN.Language.Parsing;

/// <summary>
/// The .taxo grammar, written with Pidgin over the lexer's tokens. Parsers are built once, as static fields.
/// <code>
/// file      = { statement newline }
/// statement = [ name ":" ] name [ arguments ] { value }
/// value     = number [ unit ] [ { "x" number } | ".." number ] | string | name [ arguments ] | list | block
/// unit      = name [ "/" name ]
/// arguments = "(" [ argument { "," argument } [ "," ] ] ")"
/// argument  = [ name ":" ] value
/// list      = "[" [ value { "," value } [ "," ] ] "]"
/// block     = "{" { statement newline } "}"
/// </code>
/// </summary>
public static class SyntaxParser
{
    /// <summary>The largest file the parser accepts, in bytes of UTF-8 (64 MiB).</summary>
    public const long MaxInputBytes = 64L * 1024 * 1024;

    private static readonly Parser<Token, IdentifierSyntax> Name =
        Kind(TokenKind.Identifier).Select(t => new IdentifierSyntax(t.Span, t.Text!)).Expecting(Labels.Name);

    private static readonly Parser<Token, UnitSyntax> Unit =
        Map(
            (numerator, denominator) => new UnitSyntax(
                denominator.HasValue ? TextSpan.FromBounds(numerator.Start, denominator.Value.Span.End) : numerator.Span,
                numerator.Text!,
                denominator.HasValue ? denominator.Value.Text! : null),
            Kind(TokenKind.Identifier),
            Kind(TokenKind.Slash).Then(Kind(TokenKind.Identifier).Expecting(Labels.Name)).Optional());

    private static readonly Parser<Token, NumberSyntax> Number =
        Map(
            (literal, unit) => new NumberSyntax(
                unit.HasValue ? TextSpan.FromBounds(literal.Start, unit.Value.Span.End) : literal.Span,
                literal.Text!,
                unit.HasValue ? unit.Value : null),
            Kind(TokenKind.Number),
            Unit.Optional()).Expecting(Labels.Number);

    private static readonly Parser<Token, ValueSyntax> NumberValue =
        Number.Then(
            OneOf(
                Kind(TokenKind.Times).Then(Number).AtLeastOnce().Select(rest => (Tail: rest, IsRange: false)),
                Kind(TokenKind.DotDot).Then(Number).Select(to => (Tail: (IEnumerable<NumberSyntax>)[to], IsRange: true)),
                Return((Tail: Enumerable.Empty<NumberSyntax>(), IsRange: false))),
            (first, tail) =>
            {
                if (tail.IsRange)
                {
                    var to = tail.Tail.First();
                    return new RangeSyntax(first.Span.Cover(to.Span), first, to);
                }

                var rest = tail.Tail.ToImmutableArray();
                return rest.IsEmpty
                    ? first
                    : (ValueSyntax)new DimensionsSyntax(first.Span.Cover(rest[^1].Span), [first, .. rest]);
            });

    private static readonly Parser<Token, ValueSyntax> StringValue =
        Kind(TokenKind.String).Select(t => (ValueSyntax)new StringSyntax(t.Span, t.Text!));

    private static readonly Parser<Token, ArgumentListSyntax> Arguments =
        Map(
            (open, arguments, close) => new ArgumentListSyntax(TextSpan.FromBounds(open.Start, close.Span.End), arguments.ToImmutableArray()),
            Kind(TokenKind.OpenParen),
            Rec(() => Argument!).SeparatedAndOptionallyTerminated(Kind(TokenKind.Comma)),
            Kind(TokenKind.CloseParen).Expecting(Labels.CloseParenthesis));

    private static readonly Parser<Token, ValueSyntax> NameOrCall =
        Map(
            (name, arguments) => arguments.HasValue
                ? new CallSyntax(name.Span.Cover(arguments.Value.Span), name, arguments.Value)
                : (ValueSyntax)name,
            Name,
            Arguments.Optional());

    private static readonly Parser<Token, ValueSyntax> List =
        Map(
            (open, items, close) => (ValueSyntax)new ListSyntax(TextSpan.FromBounds(open.Start, close.Span.End), items.ToImmutableArray()),
            Kind(TokenKind.OpenBracket),
            Rec(() => Value!).SeparatedAndOptionallyTerminated(Kind(TokenKind.Comma)),
            Kind(TokenKind.CloseBracket).Expecting(Labels.CloseBracket));

    private static readonly Parser<Token, StatementSyntax> Statement =
        Map(
            (label, keyword, arguments, valueArray) =>
            {
                var start = label.HasValue ? label.Value.Span.Start : keyword.Span.Start;
                var end = valueArray.Length > 0 ? valueArray[^1].Span.End
                    : arguments.HasValue ? arguments.Value.Span.End
                    : keyword.Span.End;
                return new StatementSyntax(
                    TextSpan.FromBounds(start, end),
                    label.HasValue ? label.Value : null,
                    keyword,
                    arguments.HasValue ? arguments.Value : null,
                    valueArray);
            },
            Try(Name.Before(Kind(TokenKind.Colon))).Optional(),
            Name,
            Arguments.Optional(),
            new ValueListParser(Rec(() => Value!)))
        .Before(Lookahead(Token(t => t.Kind is TokenKind.Newline or TokenKind.CloseBrace or TokenKind.EndOfFile))
            .Expecting(Labels.EndOfStatement));

    private static readonly Parser<Token, ValueSyntax> Block =
        new BlockParser(new StatementListParser(Statement, insideBlock: true)).Select(b => (ValueSyntax)b);

    private static readonly Parser<Token, ValueSyntax> Value =
        new ValueParser(NumberValue, StringValue, NameOrCall, List, Block);

    private static readonly Parser<Token, ArgumentSyntax> Argument =
        Map(
            (name, value) => new ArgumentSyntax(
                name.HasValue ? name.Value.Span.Cover(value.Span) : value.Span,
                name.HasValue ? name.Value : null,
                value),
            Try(Name.Before(Kind(TokenKind.Colon))).Optional(),
            Value);

    private static readonly Parser<Token, ImmutableArray<SyntaxNode>> File =
        new StatementListParser(Statement, insideBlock: false);

    /// <summary>Parses <paramref name="source"/>; the tree always comes back, with every syntax error as a diagnostic.</summary>
    public static SyntaxTree Parse(SourceText source)
    {
        var lexerDiagnostics = new DiagnosticBag();
        var parserDiagnostics = new DiagnosticBag();
        var (tokens, comments) = Lexer.Lex(source, lexerDiagnostics);
        ImmutableArray<SyntaxNode> statements;
        using (ParseContext.Enter(source, tokens, parserDiagnostics))
        {
            statements = File.Parse(tokens).Value;
        }

        var root = new FileSyntax(new TextSpan(0, source.Length), statements);
        return new SyntaxTree(source, root, comments, Merge(source, lexerDiagnostics, parserDiagnostics));
    }

    /// <summary>Merges diagnostic bags in source order, capped at <see cref="DiagnosticBag.DefaultLimit"/>, with a note when some were dropped.</summary>
    public static ImmutableArray<Diagnostic> Merge(SourceText source, params DiagnosticBag[] bags) =>
        SortAndCap(source, bags.SelectMany(b => b.Items), bags.Sum(b => b.Dropped));

    /// <summary>Sorts one file's diagnostics by position and keeps the first <see cref="DiagnosticBag.DefaultLimit"/>, noting how many were dropped.</summary>
    public static ImmutableArray<Diagnostic> SortAndCap(SourceText source, IEnumerable<Diagnostic> diagnostics, int dropped)
    {
        var all = diagnostics.Where(d => d.Code != DiagnosticDescriptors.TooManyDiagnostics.Code)
            .OrderBy(d => d.Span.Start).ThenBy(d => d.Span.Length).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        dropped += Math.Max(0, all.Count - DiagnosticBag.DefaultLimit);
        if (all.Count > DiagnosticBag.DefaultLimit)
        {
            all.RemoveRange(DiagnosticBag.DefaultLimit, all.Count - DiagnosticBag.DefaultLimit);
        }

        if (dropped > 0)
        {
            var at = all.Count > 0 ? all[^1].Span : new TextSpan(0, 0);
            all.Add(DiagnosticBuilder.ForSpan(source, at).TooManyDiagnostics(all.Count));
        }

        return [.. all];
    }

    private static Parser<Token, Token> Kind(TokenKind kind) => Token(t => t.Kind == kind);
}
