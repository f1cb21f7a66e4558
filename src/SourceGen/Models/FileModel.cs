namespace TaxoNN.SourceGen.Models;

/// <summary>
/// Everything generated for one .taxo file: where it is, the namespace, the declarations it holds (none when it or
/// an import has errors), and the diagnostics of its checks.
/// </summary>
public sealed record FileModel(
    string Path,
    string RelativePath,
    string HintName,
    string Namespace,
    EquatableArray<AcceleratorModel> Accelerators,
    EquatableArray<NetworkModel> Networks,
    EquatableArray<TrainingModel> Trainings,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>Whether there is any code to generate.</summary>
    public bool HasDeclarations => Accelerators.Count + Networks.Count + Trainings.Count > 0;
}
