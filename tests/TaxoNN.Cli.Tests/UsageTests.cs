namespace TaxoNN.Cli.Tests;

public sealed class UsageTests
{
    [Theory]
    [InlineData(new string[0], "Required command")]
    [InlineData(new[] { "check" }, "Required argument")]
    [InlineData(new[] { "fmt", "--check" }, "Required argument")]
    [InlineData(new[] { "check", "--bogus", "a.taxo" }, "'--bogus'")]
    [InlineData(new[] { "fmt", "a.taxo", "-x" }, "'-x'")]
    [InlineData(new[] { "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "simulat", "a.taxo" }, "'simulat'")]
    [InlineData(new[] { "compile", "a.taxo", "--format", "yaml" }, "'yaml'")]
    public void Usage_errors_exit_2_with_the_message_on_stderr_and_nothing_on_stdout(string[] args, string message)
    {
        var result = Taxo.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains("taxo --help", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void A_file_named_like_an_option_can_follow_a_double_dash()
    {
        var result = Taxo.Run("check", "--", "-missing.taxo");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("-missing.taxo(1,1): error TAXO0001: ", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("check", "--help")]
    [InlineData("fmt", "-h")]
    public void Help_goes_to_stdout_and_exits_0(params string[] args)
    {
        var result = Taxo.Run(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void Help_lists_both_commands_and_the_check_option_of_fmt()
    {
        var root = Taxo.Run("--help");
        var fmt = Taxo.Run("fmt", "--help");

        Assert.Contains("check", root.Out, StringComparison.Ordinal);
        Assert.Contains("fmt", root.Out, StringComparison.Ordinal);
        Assert.Contains("--check", fmt.Out, StringComparison.Ordinal);
    }
}
