using TaxoNN.Language.Text;

namespace TaxoNN.Compiler.Semantics;

/// <summary>Where a symbol or op came from, so that every later error still has a location.</summary>
public readonly record struct SourceLocation(SourceText Source, TextSpan Span)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var position = Source.GetPosition(Span.Start);
        return $"{Source.Path}({position.Line},{position.Column})";
    }
}
