using System.Text;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Sources;
using D = TaxoNN.Language.Diagnostics.DiagnosticDescriptors;

namespace TaxoNN.Language.Tests;

/// <summary>
/// Files no one should write but someone will: each goes through <see cref="SourceSet.Load"/> from a real file and
/// must come back as diagnostics with their locations, never as an exception, a hang or a stack overflow.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    /// <summary>The codes these tests expect, counted with the Invalid baselines towards covering every code.</summary>
    public static readonly IReadOnlyList<string> CoveredCodes =
    [
        D.CannotReadFile.Code,
        D.FileTooLarge.Code,
        D.InvalidUtf8.Code,
        D.BinaryFile.Code,
        D.TooManyDiagnostics.Code,
        D.UnexpectedCharacter.Code,
        D.NumberTooLarge.Code,
        D.NestingTooDeep.Code,
        D.ImportNotFound.Code,
        D.ImportCycle.Code,
    ];

    private readonly string folder = Directory.CreateTempSubdirectory("taxonn-bad-input-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void BinaryGarbageWithNulsIsReportedAsBinary()
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        bytes[0] = (byte)'a';
        bytes[1] = 0;
        var diagnostics = Load(Write("garbage.taxo", bytes));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(D.BinaryFile.Code, diagnostic.Code);
        Assert.Equal(new(1, 2), diagnostic.Position);
    }

    [Fact]
    public void InvalidUtf8IsReportedAtItsFirstBadByte()
    {
        // "é" in Latin-1 on the second line, after valid two-byte UTF-8 on the first.
        var bytes = Encoding.UTF8.GetBytes("// caf\u00E9\nnetwork Caf").Concat(new byte[] { 0xE9, (byte)'\n', 0xFF }).ToArray();
        var diagnostics = Load(Write("latin1.taxo", bytes));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(D.InvalidUtf8.Code, diagnostic.Code);
        Assert.Equal(new(2, 12), diagnostic.Position);
        Assert.Contains("0xE9", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TenMegabytesOfRandomBytesGiveOneDiagnostic()
    {
        var bytes = new byte[10 * 1024 * 1024];
        new Random(20201012).NextBytes(bytes);
        var diagnostics = Load(Write("random.bin", bytes));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Contains(diagnostic.Code, new[] { D.InvalidUtf8.Code, D.BinaryFile.Code });
    }

    [Fact]
    public void RandomPrintableTextGivesCappedDiagnostics()
    {
        const string Alphabet = "abcxyz019 _-+.:,;/\"\\()[]{}\u00D7\n\t@#*";
        var random = new Random(7);
        var text = new StringBuilder(1 << 20);
        for (var i = 0; i < 1 << 20; i++)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        var diagnostics = Load(Write("noise.taxo", text.ToString()));

        Assert.InRange(diagnostics.Count, 2, DiagnosticBag.DefaultLimit + 1);
        Assert.Equal(D.TooManyDiagnostics.Code, diagnostics[^1].Code);
    }

    [Fact]
    public void HundredThousandCharacterLinesAreReportedBriefly()
    {
        var name = new string('a', 100_000);
        var symbols = new string('@', 100_000);
        var digits = new string('9', 100_000);
        var text = $"{name}\naccelerator A {{ clock {digits} MHz }}\n{symbols}\naccelerator {name} {{ {name}: clock {name} }}\n"
            + $"network N {{ {name}: {name}({name}: 1) }}\nimport \"{name}\"\n";
        var diagnostics = Load(Write("long.taxo", text));

        Assert.Contains(diagnostics, d => d.Code == D.UnknownStatement.Code && d.Position == new Text.LinePosition(1, 1));
        Assert.Contains(diagnostics, d => d.Code == D.NumberTooLarge.Code && d.Position.Line == 2);
        Assert.Contains(diagnostics, d => d.Code == D.UnexpectedCharacter.Code && d.Position == new Text.LinePosition(3, 1));
        Assert.All(diagnostics, d => Assert.True(d.Message.Length < 1000, $"A message of {d.Message.Length} characters: {d.Message[..Math.Min(d.Message.Length, 300)]}"));
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    [InlineData('(', ')')]
    public void HundredThousandNestedBracketsDoNotOverflowTheStack(char open, char close)
    {
        var text = $"training T {{\n  data mnist {{ mean {new string(open, 100_000)}0{new string(close, 100_000)} }}\n}}\n";
        var diagnostics = Load(Write("nested.taxo", text));

        var nesting = Assert.Single(diagnostics, d => d.Code == D.NestingTooDeep.Code);
        // The first bracket is at column 21 and two braces are already open, so the one at 21 + 64 - 2 is too deep.
        Assert.Equal(new(2, 21 + Syntax.Lexer.MaxNesting - 2), nesting.Position);
    }

    [Fact]
    public void UnclosedNestedBracketsDoNotOverflowTheStack()
    {
        var diagnostics = Load(Write("unclosed.taxo", "network N " + new string('{', 100_000)));

        Assert.Contains(diagnostics, d => d.Code == D.NestingTooDeep.Code);
    }

    [Theory]
    [InlineData("seed 9223372036854775808", 6)]
    [InlineData("seed -9223372036854775809", 6)]
    [InlineData("seed 123456789012345678901234567890", 6)]
    [InlineData("learning_rate 1e309", 15)]
    [InlineData("learning_rate -1.5e400", 15)]
    public void NumbersBeyondSixtyFourBitsAreReported(string setting, int column)
    {
        var learningRate = setting.StartsWith("seed", StringComparison.Ordinal) ? "  learning_rate 0.1\n" : string.Empty;
        var diagnostics = Load(Write("big.taxo", $"training T {{\n  network N\n  accelerator A\n  data mnist\n{learningRate}  {setting}\n}}\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(D.NumberTooLarge.Code, diagnostic.Code);
        Assert.Equal(column + 2, diagnostic.Position.Column);
    }

    [Fact]
    public void AMissingImportIsReportedAtTheImport()
    {
        var diagnostics = Load(Write("main.taxo", "// uses a shared accelerator\nimport \"missing.taxo\"\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(D.ImportNotFound.Code, diagnostic.Code);
        Assert.Equal(new(2, 8), diagnostic.Position);
    }

    [Fact]
    public void ACycleOfTwoFilesIsReportedOnce()
    {
        Write("b.taxo", "import \"a.taxo\"\n");
        var diagnostics = Load(Write("a.taxo", "import \"b.taxo\"\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(D.ImportCycle.Code, diagnostic.Code);
        Assert.EndsWith("b.taxo", diagnostic.Source.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileImportingItselfIsACycle()
    {
        var diagnostics = Load(Write("self.taxo", "import \"self.taxo\"\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(D.ImportCycle.Code, diagnostic.Code);
    }

    [Fact]
    public void ADirectoryCannotBeRead()
    {
        var path = Path.Combine(folder, "folder.taxo");
        Directory.CreateDirectory(path);
        var diagnostics = Load(path);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(D.CannotReadFile.Code, diagnostic.Code);
    }

    [Fact]
    public void AFileThatDoesNotExistCannotBeRead()
    {
        var diagnostic = Assert.Single(Load(Path.Combine(folder, "nowhere.taxo")));

        Assert.Equal(D.CannotReadFile.Code, diagnostic.Code);
    }

    [Fact]
    public void AFileLargerThanTheLimitIsRefusedUnread()
    {
        var path = Path.Combine(folder, "huge.taxo");
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            // Sparse on the usual file systems: no data is written, so the test stays fast.
            stream.SetLength(Parsing.SyntaxParser.MaxInputBytes + 1);
        }

        var diagnostic = Assert.Single(Load(path));

        Assert.Equal(D.FileTooLarge.Code, diagnostic.Code);
        Assert.Contains("64 MiB", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImportedFileLargerThanTheLimitIsReportedAtTheImport()
    {
        using (var stream = new FileStream(Path.Combine(folder, "huge.taxo"), FileMode.CreateNew))
        {
            stream.SetLength(Parsing.SyntaxParser.MaxInputBytes + 1);
        }

        var diagnostics = Load(Write("main.taxo", "import \"huge.taxo\"\n"));

        Assert.Equal([D.ImportUnreadable.Code, D.FileTooLarge.Code], diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void AnEmptyFileIsValid() => Assert.Empty(Load(Write("empty.taxo", string.Empty), expectDiagnostics: false));

    [Fact]
    public void ACommentsOnlyFileIsValid() =>
        Assert.Empty(Load(Write("comments.taxo", "// nothing yet\n/* still\n   nothing */\n"), expectDiagnostics: false));

    [Fact]
    public void HundredsOfErrorsAreCappedWithANote()
    {
        var text = string.Concat(Enumerable.Range(1, 500).Select(i => $"accelerator A{i} {{ clock 200 }}\n"));
        var diagnostics = Load(Write("many.taxo", text));

        Assert.Equal(DiagnosticBag.DefaultLimit + 1, diagnostics.Count);
        Assert.All(diagnostics.SkipLast(1), d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(D.TooManyDiagnostics.Code, diagnostics[^1].Code);
        Assert.Equal(DiagnosticSeverity.Note, diagnostics[^1].Severity);
    }

    [Fact]
    public void EveryCoveredCodeExists() =>
        Assert.All(CoveredCodes, code => Assert.Contains(D.All, d => d.Code == code));

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // Loads a file and checks what every bad input must satisfy: no exception, spans inside their files.
    private static List<Diagnostic> Load(string path, bool expectDiagnostics = true)
    {
        var set = SourceSet.Load([path], FileSystemSourceProvider.Instance);
        var diagnostics = set.Diagnostics.ToList();
        if (expectDiagnostics)
        {
            Assert.NotEmpty(diagnostics);
        }

        foreach (var diagnostic in diagnostics)
        {
            Assert.True(diagnostic.Span.IsInside(diagnostic.Source.Length), $"{diagnostic} has the span {diagnostic.Span} outside its file.");
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        }

        return diagnostics;
    }
}
