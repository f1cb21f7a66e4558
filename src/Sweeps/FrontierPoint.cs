namespace TaxoNN.Sweeps;

/// <summary>A point of a <see cref="FrontierPanel"/>: the result's plan index, its two figures, and whether no other point dominates it.</summary>
public readonly record struct FrontierPoint(long Index, double X, double Y, bool OnFrontier);
