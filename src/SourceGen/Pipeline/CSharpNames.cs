using Microsoft.CodeAnalysis.CSharp;

namespace TaxoNN.SourceGen.Pipeline;

/// <summary>The C# names of .taxo declarations and layers.</summary>
internal static class CSharpNames
{
    /// <summary>
    /// The C# identifier of the .taxo name <paramref name="name"/>: its first letter in upper case (<c>c1</c> becomes
    /// <c>C1</c>), so that generated members read like C# ones. .taxo names are ASCII letters, digits and '_', so
    /// the result is an identifier; a keyword would be escaped with '@'.
    /// </summary>
    public static string Identifier(string name)
    {
        var identifier = name.Length == 0 ? "_" : char.ToUpperInvariant(name[0]) + name[1..];
        return SyntaxFacts.GetKeywordKind(identifier) == SyntaxKind.None ? identifier : "@" + identifier;
    }
}
