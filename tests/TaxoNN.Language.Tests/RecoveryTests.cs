using TaxoNN.Language.Parsing;
using TaxoNN.Language.Syntax;
using TaxoNN.Language.Text;

namespace TaxoNN.Language.Tests;

/// <summary>Recovery at declaration level: a forgotten '}' costs one diagnostic, not the next declaration.</summary>
public sealed class RecoveryTests
{
    private static SyntaxTree Parse(string text) => SyntaxParser.Parse(new SourceText("test.taxo", text));

    [Fact]
    public void AForgottenBraceEndsTheBlockAtTheNextDeclaration()
    {
        var tree = Parse("accelerator A {\n  clock 200 MHz\n\nnetwork N {\n  input 784\n}\n");

        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal("TAXO0035", diagnostic.Code);
        Assert.Equal(new LinePosition(1, 15), diagnostic.Position);
        var statements = tree.Root.Statements.OfType<StatementSyntax>().ToList();
        Assert.Equal(["accelerator", "network"], statements.Select(s => s.Keyword.Name));
        Assert.Equal(2, statements[0].Values.Length);
    }

    [Fact]
    public void ASettingThatLooksLikeADeclarationAtColumnOneIsStillASetting()
    {
        var tree = Parse("training T {\nnetwork N\naccelerator A\nlearning_rate 0.1\n}\n");

        Assert.Empty(tree.Diagnostics);
        var body = Assert.Single(tree.Root.Statements.OfType<StatementSyntax>()).Body!;
        Assert.Equal(3, body.Statements.Length);
        Assert.True(body.IsClosed);
    }
}
