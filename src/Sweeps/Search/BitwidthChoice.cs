namespace TaxoNN.Sweeps.Search;

/// <summary>The width the search chose for one group of formats: a stage's pass (or the input), from its start width.</summary>
public sealed record BitwidthChoice(string Stage, string Pass, int StartBits, int Bits, string Format);
