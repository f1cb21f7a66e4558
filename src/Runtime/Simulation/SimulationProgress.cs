namespace TaxoNN.Runtime.Simulation;

/// <summary>Progress of a simulated step: the op being executed, how many of the step's ops are done, and cycles so far.</summary>
public sealed record SimulationProgress(string Op, int OpsDone, int OpCount, long Cycles);
