namespace TaxoNN.Language.Diagnostics;

/// <summary>
/// Collects diagnostics up to a cap, so that a file of garbage cannot allocate millions of messages;
/// callers test <see cref="IsFull"/> before building a message and the bag counts what it dropped.
/// </summary>
public sealed class DiagnosticBag
{
    /// <summary>How many diagnostics one file reports at most.</summary>
    public const int DefaultLimit = 100;

    private readonly List<Diagnostic> items = [];

    /// <summary>Creates a bag that keeps at most <paramref name="limit"/> diagnostics.</summary>
    public DiagnosticBag(int limit = DefaultLimit)
    {
        Limit = limit;
    }

    /// <summary>The most diagnostics the bag keeps.</summary>
    public int Limit { get; }

    /// <summary>Whether further diagnostics would be dropped.</summary>
    public bool IsFull => items.Count >= Limit;

    /// <summary>How many diagnostics were reported after the bag was full.</summary>
    public int Dropped { get; private set; }

    /// <summary>The diagnostics kept, in the order they were added.</summary>
    public IReadOnlyList<Diagnostic> Items => items;

    /// <summary>Whether any kept diagnostic is an error.</summary>
    public bool HasErrors => items.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Adds a diagnostic, or counts it as dropped when the bag is full.</summary>
    public void Add(Diagnostic diagnostic)
    {
        if (IsFull)
        {
            Dropped++;
            return;
        }

        items.Add(diagnostic);
    }

    /// <summary>Counts a diagnostic that was not built because the bag was full.</summary>
    public void CountDropped() => Dropped++;
}
