using CsCheck;
using TaxoNN.Language.Parsing;
using TaxoNN.Language.Text;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Language.Tests.Formatting;

/// <summary>
/// Damaged copies of every example: the parser and the structure checker never throw and locate every diagnostic
/// inside the file, and whatever still parses formats idempotently without changing its meaning or its comments.
/// CsCheck picks a seed per run and prints it when a property fails; pass it as <c>seed:</c> to replay the case.
/// </summary>
public sealed class FormatterPropertyTests
{
    // Enough to hit every kind of edit many times per example while keeping the whole class to a few seconds.
    private const long Iterations = 300;

    public static TheoryData<string> Examples() => ExampleFormattingTests.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void CharacterMutationsOfAnExampleAreHandled(string name) =>
        SourceMutations.Characters(Read(name)).Sample(MutationAssert.Holds, iter: Iterations, print: Show);

    [Theory]
    [MemberData(nameof(Examples))]
    public void TokenMutationsOfAnExampleAreHandled(string name) =>
        SourceMutations.Tokens(Read(name)).Sample(MutationAssert.Holds, iter: Iterations, print: Show);

    // Found by the character mutations: describing a lone surrogate used to throw inside the lexer. The code unit
    // comes in as a number because test-case names cannot carry an unpaired surrogate.
    [Theory]
    [InlineData(0xD83D)]
    [InlineData(0xDE00)]
    public void AnUnpairedSurrogateIsReportedNotThrown(int unit)
    {
        var text = $"a {(char)unit} b\n";
        var tree = SyntaxParser.Parse(new SourceText("surrogate.taxo", text));
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal("TAXO0010", diagnostic.Code);
        Assert.Contains($"(U+{unit:X4})", diagnostic.Message, StringComparison.Ordinal);
        MutationAssert.Holds(text);
    }

    private static string Read(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Examples, name));

    // The whole mutated text, escaped so that invisible characters show in the failure message.
    private static string Show(string text) =>
        string.Concat(text.Select(c => c is '\n' ? "\\n\n" : char.IsControl(c) || char.IsSurrogate(c) || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
