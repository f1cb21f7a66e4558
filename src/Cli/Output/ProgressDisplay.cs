using TaxoNN.Runtime.Training;

namespace TaxoNN.Cli.Output;

/// <summary>
/// Shows how a training run progresses: a bar redrawn in place when the writer is a terminal, plain lines otherwise.
/// </summary>
internal abstract class ProgressDisplay : IProgress<TrainingProgress>
{
    /// <summary>
    /// A <see cref="ProgressBar"/> <paramref name="terminalWidth"/> columns wide when the writer is a terminal (a width
    /// is given), else <see cref="ProgressLines"/>, which a log file reads as well as a person does.
    /// </summary>
    public static ProgressDisplay For(TextWriter writer, int? terminalWidth, TimeProvider time, ProgressUnits? units = null) =>
        terminalWidth is { } width
            ? new ProgressBar(writer, width, time, units ?? ProgressUnits.Training)
            : new ProgressLines(writer, units ?? ProgressUnits.Training);

    /// <inheritdoc/>
    public abstract void Report(TrainingProgress value);

    /// <summary>Leaves the cursor at the start of an empty line, so that other text can be written; the next report draws again.</summary>
    public virtual void Interrupt()
    {
    }

    /// <summary>Ends the run's display: shows its last state and ends the line; the next report starts a new run.</summary>
    public virtual void Finish()
    {
    }
}
