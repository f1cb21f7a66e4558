using TaxoNN.Language.Text;

namespace TaxoNN.Language.Syntax;

/// <summary>A comment kept beside the tree for the formatter: a line comment ('//') or a block comment ('/* */').</summary>
public sealed record Comment(TextSpan Span, bool IsBlock, string Text);
