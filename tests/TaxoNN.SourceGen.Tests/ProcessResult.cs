namespace TaxoNN.SourceGen.Tests;

/// <summary>What a child process printed and how it ended.</summary>
internal sealed record ProcessResult(int ExitCode, string Out, string Error)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public string All => Out + Error;
}
