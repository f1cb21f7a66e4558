namespace TaxoNN.Cli;

/// <summary>Where a command writes, and whether its normal output goes to a terminal that a person reads.</summary>
internal sealed record CommandOutput(TextWriter Out, TextWriter Error, bool OutIsTerminal);
