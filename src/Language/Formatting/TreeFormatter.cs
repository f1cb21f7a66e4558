using System.Collections.Immutable;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Formatting;

/// <summary>
/// One run of the <see cref="Formatter"/>: walks the tree in source order and, before each part it writes, places
/// the comments that precede that part in the source, so that every comment comes out once and in order.
/// </summary>
internal sealed class TreeFormatter
{
    private readonly SyntaxTree tree;
    private readonly string text;
    private readonly ImmutableArray<Comment> comments;
    private readonly IndentedWriter writer = new();
    private int nextComment;

    public TreeFormatter(SyntaxTree tree)
    {
        this.tree = tree;
        text = tree.Source.Text;
        comments = tree.Comments;
    }

    public string Run()
    {
        StatementList(tree.Root.Statements, 0, text.Length, afterOpener: false);
        writer.NewLine();
        return writer.ToString();
    }

    // Statements one per line, with the comments between them; [start, end) is the file or the inside of a block.
    private void StatementList(ImmutableArray<SyntaxNode> statements, int start, int end, bool afterOpener)
    {
        var previousEnd = start;
        var canTrail = afterOpener;
        var first = true;
        foreach (var node in statements)
        {
            var statement = node as StatementSyntax
                ?? throw new InvalidOperationException("A tree without syntax errors holds only statements.");
            GapComments(ref previousEnd, statement.Span.Start, ref first, canTrail, keepBlankLines: true);
            writer.NewLine();
            if (!first && HasBlankLine(previousEnd, statement.Span.Start))
            {
                writer.BlankLine();
            }

            Statement(statement);
            previousEnd = statement.Span.End;
            first = false;
            canTrail = true;
        }

        GapComments(ref previousEnd, end, ref first, canTrail, keepBlankLines: true);
    }

    // Comments before `limit` between two lines' worth of content: trailing on the previous line or on lines of their own.
    private void GapComments(ref int previousEnd, int limit, ref bool first, bool canTrail, bool keepBlankLines)
    {
        while (HasCommentBefore(limit))
        {
            var comment = comments[nextComment++];
            if (canTrail && !HasLineBreak(previousEnd, comment.Span.Start))
            {
                writer.Space();
                writer.Write(Text(comment));
            }
            else
            {
                writer.NewLine();
                if (keepBlankLines && !first && HasBlankLine(previousEnd, comment.Span.Start))
                {
                    writer.BlankLine();
                }

                writer.Write(Text(comment));
                first = false;
            }

            previousEnd = comment.Span.End;
            canTrail = true;
        }
    }

    // Comments before `limit` inside one line's worth of content. Only inside brackets can a line comment or a
    // multi-line block comment sit between two parts; there line breaks mean nothing, so ending the line is safe.
    private void InlineComments(int limit)
    {
        while (HasCommentBefore(limit))
        {
            var comment = comments[nextComment++];
            writer.Space();
            writer.Write(Text(comment));
            if (comment.IsBlock)
            {
                writer.Space();
            }
            else
            {
                writer.NewLine();
            }
        }
    }

    private void Statement(StatementSyntax statement)
    {
        if (statement.Label is { } label)
        {
            Atom(label.Span.Start, label.Name + ":");
            writer.Space();
        }

        Atom(statement.Keyword.Span.Start, statement.Keyword.Name);
        if (statement.Arguments is { } arguments)
        {
            ArgumentList(arguments);
        }

        foreach (var value in statement.Values)
        {
            writer.Space();
            Value(value);
        }
    }

    private void Value(ValueSyntax value)
    {
        switch (value)
        {
            case NumberSyntax number:
                Number(number);
                break;
            case StringSyntax literal:
                Atom(literal.Span.Start, literal.Text);
                break;
            case IdentifierSyntax name:
                Atom(name.Span.Start, name.Name);
                break;
            case CallSyntax call:
                Atom(call.Name.Span.Start, call.Name.Name);
                ArgumentList(call.Arguments);
                break;
            case DimensionsSyntax dimensions:
                for (var i = 0; i < dimensions.Sizes.Length; i++)
                {
                    if (i > 0)
                    {
                        InlineComments(dimensions.Sizes[i].Span.Start);
                        writer.Space();
                        writer.Write("x");
                        writer.Space();
                    }

                    Number(dimensions.Sizes[i]);
                }

                break;
            case RangeSyntax range:
                Number(range.From);
                InlineComments(range.To.Span.Start);
                writer.Write("..");
                Number(range.To);
                break;
            case ListSyntax list:
                Sequence("[", "]", list.Span, list.Items, Value);
                break;
            case BlockSyntax block:
                Block(block);
                break;
            default:
                throw new InvalidOperationException($"The formatter does not know {value.GetType().Name}.");
        }
    }

    private void Number(NumberSyntax number)
    {
        Atom(number.Span.Start, number.Text);
        if (number.Unit is not { } unit)
        {
            return;
        }

        InlineComments(unit.Span.Start);
        writer.Space();
        writer.Write(unit.Numerator);
        if (unit.Denominator is { } denominator)
        {
            writer.Write("/");
            InlineComments(unit.Span.End);
            writer.Write(denominator);
        }
    }

    private void ArgumentList(ArgumentListSyntax arguments) =>
        Sequence("(", ")", arguments.Span, arguments.Arguments, argument =>
        {
            if (argument.Name is { } name)
            {
                Atom(name.Span.Start, name.Name + ":");
                writer.Space();
            }

            Value(argument.Value);
        });

    // An argument list or list: on one line when no comment lies inside it, otherwise one item per line.
    private void Sequence<T>(string open, string close, TextSpan span, ImmutableArray<T> items, Action<T> item)
        where T : SyntaxNode
    {
        Atom(span.Start, open);
        if (!HasCommentBefore(span.End))
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (i > 0)
                {
                    writer.Write(",");
                    writer.Space();
                }

                item(items[i]);
            }

            writer.Write(close);
            return;
        }

        writer.Indent();
        var previousEnd = span.Start + 1;
        var first = true;
        for (var i = 0; i < items.Length; i++)
        {
            GapComments(ref previousEnd, items[i].Span.Start, ref first, canTrail: true, keepBlankLines: false);
            writer.NewLine();
            item(items[i]);
            if (i < items.Length - 1)
            {
                writer.Write(",");
            }

            previousEnd = items[i].Span.End;
            first = false;
        }

        GapComments(ref previousEnd, span.End, ref first, canTrail: true, keepBlankLines: false);
        writer.Dedent();
        writer.NewLine();
        writer.Write(close);
    }

    private void Block(BlockSyntax block)
    {
        Atom(block.Span.Start, "{");
        var inside = HasCommentBefore(block.Span.End);
        if (block.Statements.IsEmpty && !inside)
        {
            writer.Write("}");
            return;
        }

        if (!inside && block.Statements.Length == 1 && !HasLineBreak(block.Span.Start, block.Span.End)
            && AtMostOneStatementPerBlock(block))
        {
            writer.Space();
            Statement((StatementSyntax)block.Statements[0]);
            writer.Space();
            writer.Write("}");
            return;
        }

        writer.Indent();
        StatementList(block.Statements, block.Span.Start + 1, block.Span.End, afterOpener: true);
        writer.Dedent();
        writer.NewLine();
        writer.Write("}");
    }

    private static bool AtMostOneStatementPerBlock(SyntaxNode node) => node switch
    {
        BlockSyntax block => block.Statements.Length <= 1 && block.Statements.All(AtMostOneStatementPerBlock),
        StatementSyntax statement => (statement.Arguments is null || AtMostOneStatementPerBlock(statement.Arguments))
            && statement.Values.All(AtMostOneStatementPerBlock),
        ArgumentListSyntax arguments => arguments.Arguments.All(a => AtMostOneStatementPerBlock(a.Value)),
        CallSyntax call => AtMostOneStatementPerBlock(call.Arguments),
        ListSyntax list => list.Items.All(AtMostOneStatementPerBlock),
        _ => true,
    };

    // Line comments lose trailing white space: no formatted line ends in a space, and a trailing '\r' would otherwise
    // merge with the line break after it and vanish when the output is read again.
    private static string Text(Comment comment) => comment.IsBlock ? comment.Text : comment.Text.TrimEnd();

    private void Atom(int start, string atom)
    {
        InlineComments(start);
        writer.Write(atom);
    }

    private bool HasCommentBefore(int limit) => nextComment < comments.Length && comments[nextComment].Span.Start < limit;

    private bool HasLineBreak(int start, int end) => end > start && text.IndexOf('\n', start, end - start) >= 0;

    // A line holding only white space between two line breaks in [start, end).
    private bool HasBlankLine(int start, int end)
    {
        var afterBreak = false;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                if (afterBreak)
                {
                    return true;
                }

                afterBreak = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                afterBreak = false;
            }
        }

        return false;
    }
}
