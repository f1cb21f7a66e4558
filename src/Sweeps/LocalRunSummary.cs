namespace TaxoNN.Sweeps;

/// <summary>How a local run ended: points with a result (run now or before), failed, stopped, of all.</summary>
public sealed record LocalRunSummary(long Done, long Failed, long Stopped, long Total);
