namespace TaxoNN.Sweeps;

/// <summary>A problem with a sweep folder or its surroundings that the user can fix; its message says how.</summary>
public sealed class SweepException : Exception
{
    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public SweepException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public SweepException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SweepException()
    {
    }
}
