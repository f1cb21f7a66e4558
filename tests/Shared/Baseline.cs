using System.Text;
using DiffPlex.Renderer;
using Xunit.Sdk;

namespace TaxoNN.Tests.Shared;

/// <summary>
/// Compares a test's output with an expected file kept beside its input (STYLE.md item 7). Expected files are
/// rewritten only when <see cref="AcceptVariable"/> is 1; otherwise a difference, or a missing file, fails the test
/// with a unified diff and the exact command that accepts the new output.
/// </summary>
/// <remarks>
/// ApprovalTests is deliberately not used: it names its files <c>*.approved.txt</c> after the test method, while our
/// layout needs names such as <c>main.syntax.txt</c> beside the case's <c>main.taxo</c>.
/// </remarks>
public static class Baseline
{
    /// <summary>The environment variable that, set to 1, makes the tests write their expected files.</summary>
    public const string AcceptVariable = "TAXO_ACCEPT_BASELINES";

    /// <summary>The test project whose baselines these are, as the accept command names it.</summary>
    public const string DefaultProject = "tests/TaxoNN.Language.Tests";

    /// <summary>Whether this run rewrites expected files instead of comparing with them.</summary>
    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>
    /// Asserts that <paramref name="actual"/> equals the file at <paramref name="expectedPath"/> (line endings
    /// compared as LF); <paramref name="filter"/> is the <c>dotnet test --filter</c> that reruns this check.
    /// </summary>
    public static void Match(string actual, string expectedPath, string filter, string project = DefaultProject)
    {
        actual = Normalise(actual);
        if (Accepting)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        var shown = Path.GetRelativePath(RepositoryPaths.Root, expectedPath).Replace('\\', '/');
        var command = $"{AcceptVariable}=1 dotnet test {project} --filter '{filter}'";
        if (!File.Exists(expectedPath))
        {
            throw new XunitException(
                $"The baseline '{shown}' does not exist. Review the output below, then create it with:\n  {command}\n\n{actual}");
        }

        var expected = Normalise(File.ReadAllText(expectedPath));
        if (expected == actual)
        {
            return;
        }

        var diff = UnidiffRenderer.GenerateUnidiff(expected, actual, shown, shown + " (actual)", ignoreWhitespace: false, ignoreCase: false, contextLines: 3);
        throw new XunitException(
            $"The output differs from the baseline '{shown}'. If the change is intended, accept it with:\n  {command}\n\n{diff}");
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
