using TaxoNN.Language.Parsing;
using TaxoNN.Language.Syntax;
using TaxoNN.SourceGen.Models;
using TaxoNN.Language.Text;

namespace TaxoNN.SourceGen.Pipeline;

/// <summary>Finds the imports of one file, parsing it on its own, so that each file's closure can be built without the others' trees.</summary>
internal static class ImportScanner
{
    /// <summary>The imports of <paramref name="file"/> in source order, resolved against its folder.</summary>
    public static ScannedFile Scan(TaxoFile file, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tree = SyntaxParser.Parse(new SourceText(file.Path, file.Text));
        var imports = new List<ImportReference>();
        foreach (var statement in tree.Root.Statements.OfType<StatementSyntax>())
        {
            // The same statements that SourceSet follows: 'import "path"' without a label.
            if (statement.Keyword.Name == "import" && statement.Label is null
                && statement.Values.Length == 1 && statement.Values[0] is StringSyntax target)
            {
                imports.Add(new ImportReference(target.Value, GeneratorPaths.Resolve(file.Path, target.Value), target.Span.Start, target.Span.Length));
            }
        }

        return new ScannedFile(file, imports.ToEquatableArray());
    }
}
