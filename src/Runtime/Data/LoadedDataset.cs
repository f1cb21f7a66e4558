using System.Collections.Immutable;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Data;

/// <summary>What a loader read from a data folder: both splits when every file was sound, else the problems it found.</summary>
/// <param name="Name">The data set's name as messages print it, such as "MNIST".</param>
/// <param name="Train">The training split, or null when its files had problems.</param>
/// <param name="Test">The test split, or null when its files had problems.</param>
/// <param name="Diagnostics">Every problem found, in the order the files were read (training split first).</param>
public sealed record LoadedDataset(string Name, LabeledImages? Train, LabeledImages? Test, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when both splits loaded and nothing was wrong.</summary>
    public bool Succeeded => Train is not null && Test is not null && Diagnostics.IsEmpty;
}
