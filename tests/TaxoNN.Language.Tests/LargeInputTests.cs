using System.Text;
using TaxoNN.Language.Parsing;
using TaxoNN.Language.Schema;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Language.Tests;

/// <summary>The generated 10 MiB file that the parse benchmarks read is valid, so they measure the successful path.</summary>
public sealed class LargeInputTests
{
    private static readonly Lazy<string> LargeText = new(() => LargeTaxoGenerator.Generate());

    [Fact]
    public void Generated_file_is_about_ten_mebibytes_and_within_the_input_limit()
    {
        var bytes = Encoding.UTF8.GetByteCount(LargeText.Value);

        Assert.InRange(bytes, LargeTaxoGenerator.DefaultSize, LargeTaxoGenerator.DefaultSize + 64 * 1024);
        Assert.True(bytes < SyntaxParser.MaxInputBytes);
    }

    [Fact]
    public void Generated_file_parses_and_passes_the_structure_checks_without_diagnostics()
    {
        var tree = SyntaxParser.Parse(new SourceText("large.taxo", LargeText.Value));
        var structure = StructureChecker.Check(tree);

        Assert.Empty(tree.Diagnostics);
        Assert.Empty(structure.Items);
        Assert.Equal(0, structure.Dropped);
        Assert.DoesNotContain(tree.Root.Statements, node => node is SkippedSyntax);
    }

    [Fact]
    public void Generated_file_holds_every_kind_of_declaration_and_its_comments()
    {
        var tree = SyntaxParser.Parse(new SourceText("large.taxo", LargeText.Value));
        var keywords = tree.Root.Statements.OfType<StatementSyntax>().GroupBy(s => s.Keyword.Name).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(["accelerator", "network", "training"], keywords.Keys.Order());
        Assert.True(keywords["accelerator"] > 1000, $"only {keywords["accelerator"]} accelerators");
        Assert.Equal(keywords["accelerator"], keywords["network"]);
        Assert.Equal(keywords["network"], keywords["training"]);
        Assert.True(tree.Comments.Length > keywords["network"], "too few comments");
    }

    [Fact]
    public void Generator_is_deterministic_for_a_seed_and_varies_with_it()
    {
        var first = LargeTaxoGenerator.Generate(50_000, seed: 5);
        var again = LargeTaxoGenerator.Generate(50_000, seed: 5);
        var other = LargeTaxoGenerator.Generate(50_000, seed: 6);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Small_generated_files_are_valid_for_other_seeds(int seed)
    {
        var tree = SyntaxParser.Parse(new SourceText("small.taxo", LargeTaxoGenerator.Generate(200_000, seed)));

        Assert.Empty(tree.Diagnostics);
        Assert.Empty(StructureChecker.Check(tree).Items);
    }
}
