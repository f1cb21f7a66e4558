namespace TaxoNN.Compiler.Mapping;

/// <summary>
/// The constants of the timing model that are not settings of the accelerator (docs/timing-model.md): the rules use
/// <see cref="Default"/>; a test changes one of them in the compiler alone to prove that the cycle-accurate simulator,
/// which derives its counts from what it executes, then disagrees.
/// </summary>
/// <param name="RegisterFileAccessesPerMac">T4: register-file accesses of one MAC (filter, ifmap and psum read, psum write).</param>
/// <param name="FillWordsPerCycle">T1: filter words each PE's spad takes per cycle while a pass fills it.</param>
public sealed record TimingConstants(int RegisterFileAccessesPerMac, int FillWordsPerCycle)
{
    /// <summary>The constants of docs/timing-model.md.</summary>
    public static TimingConstants Default { get; } = new(4, 1);
}
