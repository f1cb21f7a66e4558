namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// The first place where the simulator and the compiler's schedule disagree: the op, the figure, both values, the PE
/// and the cycle at which they part.
/// </summary>
public sealed record ScheduleDifference(int OpIndex, string Op, string Figure, long Scheduled, long Simulated, (int Row, int Column) Pe, long Cycle)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"op {OpIndex} '{Op}': {Figure} is {Scheduled:N0} in the schedule but {Simulated:N0} simulated; first differing PE ({Pe.Row},{Pe.Column}) at cycle {Cycle:N0}");
}
