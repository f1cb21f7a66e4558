using TaxoNN.Tests.Shared;
using Xunit.Sdk;

namespace TaxoNN.Language.Tests;

/// <summary>The baseline helper itself: a difference or a missing file must fail with a diff and the accept command.</summary>
public sealed class BaselineHelperTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("taxonn-baseline-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void EqualTextPassesWhateverTheLineEndings()
    {
        var path = Path.Combine(folder, "same.txt");
        File.WriteAllText(path, "one\r\ntwo\r\n");

        Baseline.Match("one\ntwo\n", path, "X");

        // Compared as LF, so nothing fails; only an accepting run rewrites the file, with LF line endings.
        Assert.Equal(Baseline.Accepting ? "one\ntwo\n" : "one\r\ntwo\r\n", File.ReadAllText(path));
    }

    [Fact]
    public void ADifferenceFailsWithADiffAndTheAcceptCommand()
    {
        var path = Path.Combine(folder, "main.syntax.txt");
        File.WriteAllText(path, "a\nb\nc\n");

        if (Baseline.Accepting)
        {
            Baseline.Match("a\nB\nc\n", path, "Name~Case");
            Assert.Equal("a\nB\nc\n", File.ReadAllText(path));
            return;
        }

        var failure = Assert.Throws<XunitException>(() => Baseline.Match("a\nB\nc\n", path, "Name~Case"));
        Assert.Contains("-b", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+B", failure.Message, StringComparison.Ordinal);
        Assert.Contains("TAXO_ACCEPT_BASELINES=1 dotnet test tests/TaxoNN.Language.Tests --filter 'Name~Case'", failure.Message, StringComparison.Ordinal);
        Assert.Equal("a\nb\nc\n", File.ReadAllText(path));
    }

    [Fact]
    public void AMissingFileFailsRatherThanPassing()
    {
        var path = Path.Combine(folder, "missing", "main.diagnostics.txt");

        if (Baseline.Accepting)
        {
            Baseline.Match("text\n", path, "X");
            Assert.Equal("text\n", File.ReadAllText(path));
            return;
        }

        var failure = Assert.Throws<XunitException>(() => Baseline.Match("text\n", path, "X"));
        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }
}
