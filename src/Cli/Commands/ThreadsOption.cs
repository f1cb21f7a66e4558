using System.CommandLine;

namespace TaxoNN.Cli.Commands;

/// <summary>The <c>--threads N</c> option of the commands that evaluate a network.</summary>
internal static class ThreadsOption
{
    /// <summary>A fresh option (an option belongs to one command).</summary>
    public static Option<int> Create()
    {
        var option = new Option<int>("--threads")
        {
            HelpName = "N",
            Description = "Threads that share the evaluation of the test split (default 1); the results are the same bits for any N. Training at batch 1 runs on one thread.",
            DefaultValueFactory = _ => 1,
        };
        option.Validators.Add(result =>
        {
            // Only a number out of range: a token that is no number at all gets the parser's own error (and asking
            // for the value here would throw).
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Integer,
                    System.Globalization.CultureInfo.InvariantCulture, out var value) && value is < 1 or > 1024)
            {
                result.AddError("--threads takes a whole number from 1 to 1024.");
            }
        });
        return option;
    }
}
