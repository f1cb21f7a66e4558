namespace TaxoNN.SourceGen.Models;

/// <summary>What the generator reads from the project: the namespace of the generated classes and the project's folder.</summary>
public sealed record GeneratorOptions(string Namespace, string ProjectDirectory)
{
    /// <summary>The namespace used when the project names none.</summary>
    public const string DefaultNamespace = "TaxoNN.Generated";

    /// <summary>Options of a project without a root namespace or folder.</summary>
    public static GeneratorOptions Default { get; } = new(DefaultNamespace, string.Empty);
}
