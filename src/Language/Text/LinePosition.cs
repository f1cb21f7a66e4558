namespace TaxoNN.Language.Text;

/// <summary>A one-based line and column, as printed in diagnostics.</summary>
public readonly record struct LinePosition(int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Line},{Column}";
}
