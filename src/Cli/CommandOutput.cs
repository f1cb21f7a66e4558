namespace TaxoNN.Cli;

/// <summary>
/// Where a command writes, whether its normal output goes to a terminal that a person reads, and the width of the
/// terminal that standard error goes to (null when it goes to a file or a pipe).
/// </summary>
internal sealed record CommandOutput(TextWriter Out, TextWriter Error, bool OutIsTerminal, int? ErrorTerminalWidth = null);
