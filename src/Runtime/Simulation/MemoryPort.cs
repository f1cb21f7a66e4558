namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// A level of the memory hierarchy seen from the array: it moves at most its bandwidth in words per cycle. Words are
/// counted as they are moved; a transfer phase (the stretch in which transfers double-buffer each other) needs
/// ⌈words / bandwidth⌉ cycles of the port, and the array stalls when that is longer than its compute.
/// </summary>
internal sealed class MemoryPort(double wordsPerCycle)
{
    private long phaseWords;

    public double WordsPerCycle { get; } = wordsPerCycle;

    /// <summary>Words moved in the current op.</summary>
    public long Words { get; private set; }

    /// <summary>Cycles the port has been busy in the current op.</summary>
    public long Cycles { get; private set; }

    public void Move(long words)
    {
        Words += words;
        phaseWords += words;
    }

    public void EndPhase()
    {
        Cycles += CyclesFor(phaseWords, WordsPerCycle);
        phaseWords = 0;
    }

    public void Reset()
    {
        Words = 0;
        Cycles = 0;
        phaseWords = 0;
    }

    // The port moves ⌊bandwidth · t⌋ words in t cycles, so it needs the least t with bandwidth · t ≥ words.
    public static long CyclesFor(long words, double wordsPerCycle) =>
        wordsPerCycle <= 0 ? 0 : (long)Math.Ceiling(words / wordsPerCycle);
}
