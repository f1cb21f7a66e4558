using TaxoNN.Language.Formatting;
using TaxoNN.Language.Parsing;
using TaxoNN.Language.Schema;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Tests.Formatting;

public sealed class FormatterTests
{
    [Theory]
    [InlineData("clock   200\tMHz\n", "clock 200 MHz\n")]
    [InlineData("c1 : conv2d ( filters:6,kernel : 5 )\n", "c1: conv2d(filters: 6, kernel: 5)\n")]
    [InlineData("default fixed (16,12)   nearest_even\n", "default fixed(16, 12) nearest_even\n")]
    [InlineData("f(a, b,)\n", "f(a, b)\n")]
    [InlineData("f()\n", "f()\n")]
    [InlineData("mean [ 0.4914,0.4822 , 0.4465, ]\n", "mean [0.4914, 0.4822, 0.4465]\n")]
    [InlineData("layers []\n", "layers []\n")]
    [InlineData("input 1x28x28\n", "input 1 x 28 x 28\n")]
    [InlineData("input 1 \u00D7 28\u00D728\n", "input 1 x 28 x 28\n")]
    [InlineData("pe_bits 8 .. 24\n", "pe_bits 8..24\n")]
    [InlineData("pe_bits 8 bits .. 24 bits\n", "pe_bits 8 bits..24 bits\n")]
    [InlineData("global_buffer 108KiB\n", "global_buffer 108 KiB\n")]
    [InlineData("bandwidth 4 words / cycle\n", "bandwidth 4 words/cycle\n")]
    [InlineData("rate 1.50e-3 offset -03 name \"a\\\"b\"\n", "rate 1.50e-3 offset -03 name \"a\\\"b\"\n")]
    public void StatementsHaveOneSpaceBetweenTheirParts(string input, string expected) =>
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));

    [Fact]
    public void BlocksIndentByTwoSpacesWithTheBraceOnTheStatementsLine()
    {
        const string input = "network N{\ninput 784\n    h1: dense(units: 300)\n  inner {\n deep 1\n }\n}\n";
        const string expected = "network N {\n  input 784\n  h1: dense(units: 300)\n  inner {\n    deep 1\n  }\n}\n";
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));
    }

    [Theory]
    [InlineData("a {}\n", "a {}\n")]
    [InlineData("a {   }\n", "a {}\n")]
    [InlineData("a {\n\n}\n", "a {}\n")]
    [InlineData("a { ; }\n", "a {}\n")]
    public void AnEmptyBlockIsTwoBraces(string input, string expected) =>
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));

    [Theory]
    [InlineData("layer c1 {forward fixed(16, 10)}\n", "layer c1 { forward fixed(16, 10) }\n")]
    [InlineData("data mnist { path \"data/mnist\"; }\n", "data mnist { path \"data/mnist\" }\n")]
    [InlineData("a { b { c } }\n", "a { b { c } }\n")]
    [InlineData("a { b {} }\n", "a { b {} }\n")]
    [InlineData("a {\n  b\n}\n", "a {\n  b\n}\n")]
    [InlineData("a { b; c }\n", "a {\n  b\n  c\n}\n")]
    [InlineData("a { b /* c */ }\n", "a {\n  b /* c */\n}\n")]
    [InlineData("a { b { c; d } }\n", "a {\n  b {\n    c\n    d\n  }\n}\n")]
    [InlineData("a { f(k: { c; d }) }\n", "a {\n  f(k: {\n    c\n    d\n  })\n}\n")]
    public void ABlockStaysOnOneLineOnlyWithOneStatementAndNoComment(string input, string expected) =>
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));

    [Theory]
    [InlineData("a; b;c\n", "a\nb\nc\n")]
    [InlineData("a;;\n;b\n", "a\nb\n")]
    [InlineData("n { a; b }; m {}\n", "n {\n  a\n  b\n}\nm {}\n")]
    public void SemicolonsBecomeLineBreaks(string input, string expected) =>
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));

    [Theory]
    [InlineData("f(a;, b)\n")]
    [InlineData("a [1; 2]\n")]
    public void ASemicolonInsideBracketsIsASyntaxErrorNotIgnored(string input)
    {
        var tree = TaxoNN.Language.Parsing.SyntaxParser.Parse(new TaxoNN.Language.Text.SourceText("test.taxo", input));
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal(input.IndexOf(';', StringComparison.Ordinal), diagnostic.Span.Start);
        Assert.False(Formatter.CanFormat(tree));
    }

    [Theory]
    [InlineData("a\n\n\n\nb\n", "a\n\nb\n")]
    [InlineData("a\n \t \nb\n", "a\n\nb\n")]
    [InlineData("a;\n;\nb\n", "a\nb\n")]
    [InlineData("\n\n\na\nb\n\n\n", "a\nb\n")]
    [InlineData("n {\n\n  a\n\n\n  b\n\n}\n", "n {\n  a\n\n  b\n}\n")]
    [InlineData("a\n\n// c\n\nb\n", "a\n\n// c\n\nb\n")]
    [InlineData("f(a,\n\n b)\n", "f(a, b)\n")]
    public void BlankLinesAreKeptButCollapsedAndNeverAtTheEdges(string input, string expected) =>
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\n \t\r\n")]
    [InlineData(";;\n;")]
    public void AFileWithoutStatementsOrCommentsFormatsToNothing(string input) =>
        Assert.Equal(string.Empty, FormattingAssert.RoundTrips(input));

    [Theory]
    [InlineData("// one", "// one\n")]
    [InlineData("  // one   \r\n\r\n\r\n/* two */  /* three */\n", "// one\n\n/* two */ /* three */\n")]
    [InlineData("/* a\n     b */", "/* a\n     b */\n")]
    public void AFileOfCommentsKeepsThem(string input, string expected) =>
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));

    [Fact]
    public void TheOutputEndsWithOneLineBreakAndUsesLineFeeds()
    {
        Assert.Equal("a\nb\n", FormattingAssert.RoundTrips("a\r\nb"));
        Assert.Equal("a\n", FormattingAssert.RoundTrips("a\n\n\n"));
    }

    [Theory]
    [InlineData("clock 200 MHz   // the clock\n", "clock 200 MHz // the clock\n")]
    [InlineData("clock 200 MHz/* a */;b\n", "clock 200 MHz /* a */\nb\n")]
    [InlineData("a { b } // after\n", "a { b } // after\n")]
    [InlineData("a {\n  b\n}   /* after */\n", "a {\n  b\n} /* after */\n")]
    public void ACommentAfterAStatementStaysOnItsLine(string input, string expected) =>
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));

    [Theory]
    [InlineData("    // first\na\n", "// first\na\n")]
    [InlineData("n {\n// before b\n      b\n}\n", "n {\n  // before b\n  b\n}\n")]
    [InlineData("n {\n  b\n      // at the end\n}\n", "n {\n  b\n  // at the end\n}\n")]
    [InlineData("n {\n// only a comment\n}\n", "n {\n  // only a comment\n}\n")]
    [InlineData("/* lead */ a\n", "/* lead */\na\n")]
    public void ACommentOnItsOwnLineIsIndentedAsWhatFollowsIt(string input, string expected) =>
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));

    [Theory]
    [InlineData("n { // about n\n  b\n}\n", "n { // about n\n  b\n}\n")]
    [InlineData("n {/* e */}\n", "n { /* e */\n}\n")]
    public void ACommentAfterAnOpeningBraceStaysThere(string input, string expected) =>
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));

    [Theory]
    [InlineData("c1 /* x */: conv2d(filters: 6)\n", "c1: /* x */ conv2d(filters: 6)\n")]
    [InlineData("clock /* why */ 200 /* unit */ MHz\n", "clock /* why */ 200 /* unit */ MHz\n")]
    [InlineData("input 1 /* c */ x 28\n", "input 1 /* c */ x 28\n")]
    [InlineData("pe_bits 8 /* c */ ..24\n", "pe_bits 8 /* c */ ..24\n")]
    [InlineData("bandwidth 4 words /* w */ / cycle\n", "bandwidth 4 words/ /* w */ cycle\n")]
    [InlineData("default fixed /* c */ (16, 12)\n", "default fixed /* c */ (16, 12)\n")]
    public void ABlockCommentInsideAStatementStaysInline(string input, string expected) =>
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));

    [Fact]
    public void ACommentInsideAnArgumentListPutsOneArgumentPerLine()
    {
        const string input = "c1: conv2d(filters: 6, // six maps\n  kernel: 5, padding: 2)\n";
        const string expected = "c1: conv2d(\n  filters: 6, // six maps\n  kernel: 5,\n  padding: 2\n)\n";
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));
    }

    [Fact]
    public void ACommentInsideAListPutsOneItemPerLine()
    {
        const string input = "n {\n  mean [ // per channel\n 0.1, /* g */ 0.2,\n  // blue\n  0.3 /* last */ ]\n}\n";
        const string expected = "n {\n  mean [ // per channel\n    0.1, /* g */\n    0.2,\n    // blue\n    0.3 /* last */\n  ]\n}\n";
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));
    }

    [Fact]
    public void ALineCommentBetweenAnArgumentsNameAndValueKeepsItsLineBreak()
    {
        const string input = "f(a: // why\n 3)\n";
        const string expected = "f(\n  a: // why\n  3\n)\n";
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));
    }

    [Fact]
    public void OnlyTheListHoldingACommentIsSplit()
    {
        const string input = "f([1, 2], [3, /* c */ 4])\n";
        const string expected = "f(\n  [1, 2],\n  [\n    3, /* c */\n    4\n  ]\n)\n";
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));
    }

    [Fact]
    public void AMultiLineBlockCommentIsReproducedVerbatim()
    {
        const string input = "n {\n      /* first\n   * second\n  */\n  a /* trailing\n  spans lines */\n  b\n}\n";
        const string expected = "n {\n  /* first\n   * second\n  */\n  a /* trailing\n  spans lines */\n  b\n}\n";
        Assert.Equal(expected, FormattingAssert.RoundTrips(input));
    }

    [Fact]
    public void EveryCommentSurvivesInOrder()
    {
        const string input = "// 1\nn /* 2 */ { // 3\n  a(/* 4 */ u, // 5\n  y) // 6\n  // 7\n} // 8\n/* 9 */";
        var formatted = FormattingAssert.RoundTrips(input);
        var tree = SyntaxParser.Parse(new SourceText("test.taxo", formatted));
        Assert.Equal(["// 1", "/* 2 */", "// 3", "/* 4 */", "// 5", "// 6", "// 7", "// 8", "/* 9 */"], tree.Comments.Select(c => c.Text));
    }

    [Fact]
    public void LineCommentsLoseTrailingWhiteSpaceOnly()
    {
        Assert.Equal("a //  keep  inner\n", FormattingAssert.RoundTrips("a //  keep  inner  \t\n"));
    }

    [Theory]
    [InlineData("network {\n")]
    [InlineData("a \"unterminated\n")]
    [InlineData("a /* open\n")]
    [InlineData("a 1.2.3\n")]
    [InlineData("f(a b)\n")]
    public void ATreeWithSyntaxErrorsCannotBeFormatted(string input)
    {
        var tree = SyntaxParser.Parse(new SourceText("test.taxo", input));
        Assert.False(Formatter.CanFormat(tree));
        Assert.Throws<ArgumentException>(() => Formatter.Format(tree));
    }

    [Fact]
    public void StructureErrorsDoNotPreventFormatting()
    {
        var parsed = SyntaxParser.Parse(new SourceText("test.taxo", "no_such_declaration   1\n"));
        var structure = StructureChecker.Check(parsed).Items;
        Assert.NotEmpty(structure);
        var tree = parsed with { Diagnostics = [.. parsed.Diagnostics, .. structure] };
        Assert.True(Formatter.CanFormat(tree));
        Assert.Equal("no_such_declaration 1\n", Formatter.Format(tree));
    }
}
