using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Parsing;

/// <summary>
/// What the recovering parsers need beside Pidgin's state while one file is parsed: the tokens (to turn token
/// indices into spans) and the diagnostics bag. Pidgin carries no user state, and a parse runs on one thread.
/// </summary>
internal sealed class ParseContext
{
    [ThreadStatic]
    private static ParseContext? current;

    private ParseContext(SourceText source, Token[] tokens, DiagnosticBag diagnostics)
    {
        Source = source;
        Tokens = tokens;
        Diagnostics = diagnostics;
    }

    public static ParseContext Current => current ?? throw new InvalidOperationException("No parse is running on this thread.");

    public SourceText Source { get; }

    public Token[] Tokens { get; }

    public DiagnosticBag Diagnostics { get; }

    public static Scope Enter(SourceText source, Token[] tokens, DiagnosticBag diagnostics)
    {
        var previous = current;
        current = new ParseContext(source, tokens, diagnostics);
        return new Scope(previous);
    }

    public void Report(TextSpan span, Func<DiagnosticBuilder, Diagnostic> make)
    {
        if (Diagnostics.IsFull)
        {
            Diagnostics.CountDropped();
            return;
        }

        Diagnostics.Add(make(DiagnosticBuilder.ForSpan(Source, span)));
    }

    public readonly struct Scope(ParseContext? previous) : IDisposable
    {
        public void Dispose() => current = previous;
    }
}
