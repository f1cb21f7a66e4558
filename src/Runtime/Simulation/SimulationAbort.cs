using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// Unwinds the executor's nested loops when a step cannot go on (a budget passed, a mapping that does not fit); the
/// simulator turns it into the step's diagnostic at once, so it never escapes to a caller.
/// </summary>
internal sealed class SimulationAbort(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
