using System.Text;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>
/// Prints a syntax tree as indented text, one node per line, for baselines and for comparing trees.
/// Without spans, two trees print the same exactly when they mean the same.
/// </summary>
public static class SyntaxPrinter
{
    /// <summary>Prints <paramref name="tree"/>; spans print as <c>line:col-line:col</c>.</summary>
    public static string Print(SyntaxTree tree, bool includeSpans = true)
    {
        var printer = new Printer(tree.Source, includeSpans);
        printer.Node(tree.Root, 0);
        if (includeSpans)
        {
            foreach (var comment in tree.Comments)
            {
                printer.Line(0, $"Comment {Quote(comment.Text)}", comment.Span);
            }
        }

        return printer.ToString();
    }

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text.Length > 80 ? text[..77] + "..." : text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private sealed class Printer(SourceText source, bool includeSpans)
    {
        private readonly StringBuilder output = new();

        public override string ToString() => output.ToString();

        public void Line(int depth, string text, TextSpan span)
        {
            output.Append(' ', depth * 2).Append(text);
            if (includeSpans)
            {
                var start = source.GetPosition(span.Start);
                var end = source.GetPosition(span.End);
                output.Append(" @").Append(start.Line).Append(':').Append(start.Column)
                    .Append('-').Append(end.Line).Append(':').Append(end.Column);
            }

            output.Append('\n');
        }

        public void Node(SyntaxNode node, int depth)
        {
            switch (node)
            {
                case FileSyntax file:
                    Line(depth, "File", file.Span);
                    foreach (var statement in file.Statements)
                    {
                        Node(statement, depth + 1);
                    }

                    break;
                case StatementSyntax statement:
                    Line(depth, statement.Label is null
                        ? $"Statement {statement.Keyword.Name}"
                        : $"Statement {statement.Label.Name}: {statement.Keyword.Name}", statement.Span);
                    if (statement.Arguments is not null)
                    {
                        Node(statement.Arguments, depth + 1);
                    }

                    foreach (var value in statement.Values)
                    {
                        Node(value, depth + 1);
                    }

                    break;
                case SkippedSyntax skipped:
                    Line(depth, $"Skipped {Quote(skipped.Text)}", skipped.Span);
                    break;
                case IdentifierSyntax identifier:
                    Line(depth, $"Name {identifier.Name}", identifier.Span);
                    break;
                case NumberSyntax number:
                    Line(depth, number.Unit is null ? $"Number {number.Text}" : $"Number {number.Text} {number.Unit.Text}", number.Span);
                    break;
                case StringSyntax text:
                    Line(depth, $"String {Quote(text.Value)}", text.Span);
                    break;
                case DimensionsSyntax dimensions:
                    Line(depth, "Dimensions", dimensions.Span);
                    foreach (var size in dimensions.Sizes)
                    {
                        Node(size, depth + 1);
                    }

                    break;
                case RangeSyntax range:
                    Line(depth, "Range", range.Span);
                    Node(range.From, depth + 1);
                    Node(range.To, depth + 1);
                    break;
                case CallSyntax call:
                    Line(depth, $"Call {call.Name.Name}", call.Span);
                    Node(call.Arguments, depth + 1);
                    break;
                case ArgumentListSyntax arguments:
                    Line(depth, "Arguments", arguments.Span);
                    foreach (var argument in arguments.Arguments)
                    {
                        Line(depth + 1, argument.Name is null ? "Argument" : $"Argument {argument.Name.Name}", argument.Span);
                        Node(argument.Value, depth + 2);
                    }

                    break;
                case ListSyntax list:
                    Line(depth, "List", list.Span);
                    foreach (var item in list.Items)
                    {
                        Node(item, depth + 1);
                    }

                    break;
                case BlockSyntax block:
                    Line(depth, block.IsClosed ? "Block" : "Block (unclosed)", block.Span);
                    foreach (var statement in block.Statements)
                    {
                        Node(statement, depth + 1);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"The printer does not know {node.GetType().Name}.");
            }
        }
    }
}
