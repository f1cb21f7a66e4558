namespace TaxoNN.Sweeps;

/// <summary>How running a point ended.</summary>
public enum PointOutcome
{
    /// <summary>Its result was written.</summary>
    Done,

    /// <summary>Its result existed already; nothing was run.</summary>
    Skipped,

    /// <summary>A stop signal came; its checkpoint was written and the next run resumes from it.</summary>
    Stopped,

    /// <summary>It could not run (data missing, sources changed, a file unwritable); the message says why.</summary>
    Failed,
}
