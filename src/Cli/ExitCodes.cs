namespace TaxoNN.Cli;

/// <summary>The exit codes of <c>taxo</c>, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything checked out.</summary>
    public const int Success = 0;

    /// <summary>Diagnostics were reported, or (with <c>fmt --check</c>) files are not formatted.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: an unknown option, a missing argument.</summary>
    public const int Usage = 2;

    /// <summary><c>taxo train</c> was stopped by SIGTERM, SIGINT or SIGUSR1 and wrote a checkpoint to resume from.</summary>
    public const int Stopped = 3;
}
