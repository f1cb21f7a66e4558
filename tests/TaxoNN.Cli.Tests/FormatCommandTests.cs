using TaxoNN.Language.Parsing;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Cli.Tests;

// These tests hold for any correct formatter: the bundled examples are in the canonical layout, the layout
// uses LF line endings, and formatting never changes what a file means.
public sealed class FormatCommandTests : IDisposable
{
    private const string Unformatted = "network N {\n      input 1 x 28 x 28;   f1: dense(units: 10)\n  loss softmax_cross_entropy }\n";

    private static readonly DateTime LongAgo = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    private readonly TempFolder temp = new();

    private static string Example => Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo");

    [Fact]
    public void Check_passes_on_every_bundled_example()
    {
        var result = Taxo.Run(["fmt", "--check", .. Directory.GetFiles(RepositoryPaths.Examples, "*.taxo")]);

        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void A_formatted_file_is_not_rewritten()
    {
        var path = temp.WriteBytes("lenet.taxo", File.ReadAllBytes(Example));
        File.SetLastWriteTimeUtc(path, LongAgo);

        var result = Taxo.Run("fmt", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(File.ReadAllBytes(Example), File.ReadAllBytes(path));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Crlf_line_endings_are_rewritten_to_lf_in_place_leaving_no_temporary_file()
    {
        var canonical = File.ReadAllText(Example);
        var path = temp.Write("lenet.taxo", canonical.Replace("\n", "\r\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }

        var result = Taxo.Run("fmt", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"formatted {path}"], result.OutLines);
        Assert.Equal(canonical, File.ReadAllText(path));
        Assert.Equal(["lenet.taxo"], temp.FileNames());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        }

        Assert.Equal(0, Taxo.Run("fmt", "--check", path).ExitCode);
    }

    [Fact]
    public void Check_reports_an_unformatted_file_and_changes_nothing()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(File.ReadAllText(Example).Replace("\n", "\r\n", StringComparison.Ordinal));
        var path = temp.WriteBytes("lenet.taxo", bytes);
        File.SetLastWriteTimeUtc(path, LongAgo);

        var result = Taxo.Run("fmt", "--check", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"{path}: not formatted"], result.OutLines);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(path));
        Assert.Equal(["lenet.taxo"], temp.FileNames());
    }

    // Needs the real formatter: the stand-in returns its input unchanged.
    [Fact]
    public void Check_reports_semicolons_and_odd_indentation_as_not_formatted()
    {
        var path = temp.Write("odd.taxo", Unformatted);

        var result = Taxo.Run("fmt", "--check", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"{path}: not formatted"], result.OutLines);
        Assert.Equal(Unformatted, File.ReadAllText(path));
    }

    // Needs the real formatter: the stand-in returns its input unchanged.
    [Fact]
    public void Formatting_changes_the_layout_but_not_the_meaning()
    {
        var path = temp.Write("odd.taxo", Unformatted);

        var result = Taxo.Run("fmt", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"formatted {path}"], result.OutLines);
        var formatted = File.ReadAllText(path);
        Assert.NotEqual(Unformatted, formatted);
        Assert.DoesNotContain('\r', formatted);
        Assert.Equal(Meaning(Unformatted), Meaning(formatted));
        Assert.Equal(0, Taxo.Run("fmt", "--check", path).ExitCode);
        Assert.Equal(["odd.taxo"], temp.FileNames());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_with_a_syntax_error_is_refused_and_left_byte_identical(bool check)
    {
        const string Broken = "network N {\r\n      c1: conv2d(filters: 6, kernel 5);  loss softmax_cross_entropy\n}\n";
        var path = temp.Write("broken.taxo", Broken);
        File.SetLastWriteTimeUtc(path, LongAgo);

        var result = Taxo.Run(check ? ["fmt", "--check", path] : ["fmt", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{path}(2,37): error TAXO0033: ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("formatted", result.Out, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Broken), File.ReadAllBytes(path));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(path));
        Assert.Equal(["broken.taxo"], temp.FileNames());
    }

    [Fact]
    public void Every_file_is_handled_even_after_one_fails()
    {
        var missing = Path.Combine(temp.Path, "missing.taxo");
        var broken = temp.Write("broken.taxo", "network N {\n");
        var crlf = temp.Write("crlf.taxo", File.ReadAllText(Example).Replace("\n", "\r\n", StringComparison.Ordinal));

        var result = Taxo.Run("fmt", missing, broken, crlf);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{missing}(1,1): error TAXO0001: ", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains($"{broken}(1,11): error TAXO0035: ", result.Out, StringComparison.Ordinal);
        Assert.Equal($"formatted {crlf}", result.OutLines[^1]);
        Assert.Equal(File.ReadAllText(Example), File.ReadAllText(crlf));
    }

    [Fact]
    public void A_directory_and_a_binary_file_are_diagnostics()
    {
        var binary = temp.WriteBytes("binary.taxo", [0x6E, 0x00, 0x0A]);

        var result = Taxo.Run("fmt", temp.Path, binary);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{temp.Path}(1,1): error TAXO0001: ", result.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{binary}(1,2): error TAXO0004: ", result.OutLines[1], StringComparison.Ordinal);
        Assert.Equal([0x6E, 0x00, 0x0A], File.ReadAllBytes(binary));
    }

    [Fact]
    public void Imports_are_not_followed()
    {
        var path = temp.Write("root.taxo", "import \"missing.taxo\"\n");

        var format = Taxo.Run("fmt", "--check", path);
        var check = Taxo.Run("check", path);

        Assert.Equal(0, format.ExitCode);
        Assert.Equal(string.Empty, format.Out);
        Assert.Equal(1, check.ExitCode);
    }

    [Fact]
    public void A_symbolic_link_stays_a_link_and_its_target_is_formatted()
    {
        var target = temp.Write("target.taxo", File.ReadAllText(Example).Replace("\n", "\r\n", StringComparison.Ordinal));
        var link = Path.Combine(temp.Path, "link.taxo");
        File.CreateSymbolicLink(link, target);

        var result = Taxo.Run("fmt", link);

        Assert.Equal(0, result.ExitCode);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(File.ReadAllText(Example), File.ReadAllText(target));
        Assert.Equal(["link.taxo", "target.taxo"], temp.FileNames());
    }

    public void Dispose() => temp.Dispose();

    private static string Meaning(string text) =>
        SyntaxPrinter.Print(SyntaxParser.Parse(new SourceText("file.taxo", text)), includeSpans: false);
}
