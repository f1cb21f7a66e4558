using D = TaxoNN.Language.Diagnostics.DiagnosticDescriptors;

namespace TaxoNN.Language.Diagnostics;

/// <content>Messages of sweep declarations, one method per code.</content>
public readonly partial struct DiagnosticBuilder
{
    /// <summary>TAXO2201.</summary>
    public Diagnostic SweptFormatInvalid(string value, string axis, string format, string where, string problem) =>
        Make(D.SweptFormatInvalid, $"The value '{Shorten(value)}' of axis '{Shorten(axis)}' makes {format} for {where}, which {problem}; drop the value or choose one that fits.");

    /// <summary>TAXO2202.</summary>
    public Diagnostic SweptPassWithoutWeights(string layer, string pass) =>
        Make(D.SweptPassWithoutWeights, $"'{Shorten(layer)}' has no weights, so it has no {pass} pass to sweep; sweep its 'forward' or 'error' pass, or a layer with weights.");

    /// <summary>TAXO2203.</summary>
    public Diagnostic SweepTooLarge(string sweep, string points, string limit) =>
        Make(D.SweepTooLarge, $"Sweep '{Shorten(sweep)}' has {points} points, more than the {limit} a plan holds; use fewer values per axis, or split it into several sweeps.");

    /// <summary>TAXO2204.</summary>
    public Diagnostic DuplicateSweepValue(string value, string axis) =>
        Make(D.DuplicateSweepValue, $"Axis '{Shorten(axis)}' lists '{Shorten(value)}' more than once, which would train the same point twice; keep one.");

    /// <summary>TAXO2205.</summary>
    public Diagnostic BudgetWithoutMisclassification(string sweep) =>
        Make(D.BudgetWithoutMisclassification, $"Sweep '{Shorten(sweep)}' has a budget, which bounds the misclassification, but its metrics do not record it; add 'misclassification' to 'metrics' or remove the budget.");
}
