using System.Text.RegularExpressions;
using TaxoNN.Cli.Output;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private const string BadNetwork = "network N {\n  input 1 x 28 x 28\n  c1: conv2d(filters: 6, kernel 5)\n  loss softmax_cross_entropy\n}\n";

    private readonly TempFolder temp = new();

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepositoryPaths.Examples, "*.taxo").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_is_clean(string name)
    {
        var result = Taxo.Run("check", Path.Combine(RepositoryPaths.Examples, name));

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.OutLines);
        Assert.Matches(@"^\d+ files? checked: 0 errors, 0 warnings$", line);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void All_examples_together_count_each_file_once()
    {
        var paths = Directory.GetFiles(RepositoryPaths.Examples, "*.taxo");

        var result = Taxo.Run(["check", .. paths]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"{paths.Length} files checked: 0 errors, 0 warnings"], result.OutLines);
    }

    [Fact]
    public void Errors_print_one_line_each_with_path_position_and_code_then_a_summary()
    {
        var path = temp.Write("bad.taxo", BadNetwork + "training T {\n");

        var result = Taxo.Run("check", path);

        Assert.Equal(1, result.ExitCode);
        var lines = result.OutLines;
        Assert.Contains($"{path}(3,33): error TAXO0033: ", result.Out, StringComparison.Ordinal);
        Assert.All(lines.Take(lines.Count - 1), line => Assert.Matches($@"^{Regex.Escape(path)}\(\d+,\d+\): error TAXO\d{{4}}: \S", line));
        Assert.Matches($@"^1 file checked: {lines.Count - 1} errors, 0 warnings$", lines[^1]);
    }

    [Fact]
    public void Diagnostics_come_out_in_the_same_order_every_time()
    {
        var path = temp.Write("bad.taxo", "training T {\n  foo 1\n  bar\n}\n" + BadNetwork);

        var first = Taxo.Run("check", path);
        var second = Taxo.Run("check", path);

        Assert.Equal(first.Out, second.Out);
        Assert.True(first.OutLines.Count > 3, first.Out);
    }

    [Fact]
    public void Without_a_terminal_no_source_lines_are_printed()
    {
        var path = temp.Write("bad.taxo", BadNetwork);

        var result = Taxo.Run(terminal: false, "check", path);

        Assert.DoesNotContain(" | ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("^", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_the_source_line_and_an_underline_follow_each_diagnostic()
    {
        var path = temp.Write("bad.taxo", "network N {\n  input 1 x 28 x 28\n  bogus 3\n  loss softmax_cross_entropy\n}\n");

        var result = Taxo.Run(terminal: true, "check", path);

        Assert.Equal(1, result.ExitCode);
        var lines = result.OutLines;
        var at = Index(lines, line => line.StartsWith($"{path}(3,3): error TAXO0100: ", StringComparison.Ordinal));
        Assert.Equal(" 3 |   bogus 3", lines[at + 1]);
        Assert.Equal("   |   ^~~~~", lines[at + 2]);
    }

    [Theory]
    [InlineData("network N {\n  c1: conv2d(filters:")]
    [InlineData("network N {\n  c1: conv2d(filters:\n")]
    [InlineData("network N {\n  c1: conv2d(filters: [1, 2\n\n")]
    [InlineData("x: \"abc")]
    [InlineData("a /* b\r\n")]
    [InlineData("network N {\r\n  input 1 x 28 x 28\r\n")]
    public void Every_underline_has_at_least_one_caret_under_the_shown_line(string text)
    {
        var path = temp.Write("bad.taxo", text);

        var result = Taxo.Run(terminal: true, "check", path);

        Assert.Equal(1, result.ExitCode);
        var lines = result.OutLines;
        var diagnostics = Enumerable.Range(0, lines.Count).Where(i => lines[i].StartsWith(path, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(diagnostics);
        foreach (var i in diagnostics)
        {
            var shown = lines[i + 1];
            var marks = lines[i + 2];
            Assert.Matches(@"^ \d+ \| ", shown);
            Assert.Matches(@"^ +\| *\^~*$", marks);
            Assert.True(marks.Length <= shown.Length + 1, $"the underline runs past the line:\n{shown}\n{marks}");
        }
    }

    [Fact]
    public void A_very_long_line_is_shown_as_a_window_around_the_span()
    {
        var padding = new string('a', 2000);
        var path = temp.Write("long.taxo", $"network N {{\n  input [{string.Join(", ", Enumerable.Repeat(padding[..40], 30))}, bogus(kernel 5), {padding}]\n}}\n");

        var result = Taxo.Run(terminal: true, "check", path);

        var lines = result.OutLines;
        var at = Index(lines, line => line.Contains("TAXO0033", StringComparison.Ordinal));
        var shown = lines[at + 1];
        var marks = lines[at + 2];
        Assert.InRange(shown.Length, DiagnosticWriter.WindowWidth, DiagnosticWriter.WindowWidth + 20);
        Assert.StartsWith(" 2 | ...", shown, StringComparison.Ordinal);
        Assert.EndsWith("...", shown, StringComparison.Ordinal);
        var caret = marks.IndexOf('^', StringComparison.Ordinal);
        Assert.Equal("bogus(kernel 5)", shown.Substring(caret - 13, 15));
    }

    [Fact]
    public void Control_characters_in_the_source_never_reach_the_terminal()
    {
        var path = temp.Write("escape.taxo", "network N {\n  \u001b[31m bogus\n}\n");

        var result = Taxo.Run(terminal: true, "check", path);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Out);
    }

    [Fact]
    public void A_missing_file_is_a_diagnostic_not_a_crash()
    {
        var path = Path.Combine(temp.Path, "missing.taxo");

        var result = Taxo.Run(terminal: true, "check", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"{path}(1,1): error TAXO0001: Cannot read '{path}': the file does not exist.", "0 files checked: 1 error, 0 warnings"], result.OutLines);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void A_directory_is_a_diagnostic_not_a_crash()
    {
        var result = Taxo.Run("check", temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{temp.Path}(1,1): error TAXO0001: ", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("directory", result.OutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_is_a_diagnostic()
    {
        var path = temp.WriteBytes("binary.taxo", [0x6E, 0x65, 0x00, 0x01, 0x02]);

        var result = Taxo.Run("check", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error TAXO0004: ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Imports_are_checked_too_and_counted_in_the_summary()
    {
        var imported = temp.Write("imported.taxo", BadNetwork);
        var root = temp.Write("root.taxo", "import \"imported.taxo\"\nimport \"gone.taxo\"\n");

        var result = Taxo.Run("check", root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{root}(2,8): error TAXO1001: ", result.Out, StringComparison.Ordinal);
        Assert.Contains("error TAXO0033: ", result.Out, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(imported), result.Out, StringComparison.Ordinal);
        Assert.Matches("^2 files checked: 2 errors, 0 warnings$", result.OutLines[^1]);
    }

    public void Dispose() => temp.Dispose();

    private static int Index(IReadOnlyList<string> lines, Func<string, bool> predicate)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (predicate(lines[i]))
            {
                return i;
            }
        }

        Assert.Fail("No line matched:\n" + string.Join("\n", lines));
        return -1;
    }
}
