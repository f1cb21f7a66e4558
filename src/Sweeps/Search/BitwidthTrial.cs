namespace TaxoNN.Sweeps.Search;

/// <summary>One training of the search: what it tried, its misclassification, and whether that was within the budget.</summary>
public sealed record BitwidthTrial(string Tried, double Misclassification, bool WithinBudget);
