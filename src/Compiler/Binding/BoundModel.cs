using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;

namespace TaxoNN.Compiler.Binding;

/// <summary>Every declaration of a source set that bound without errors, each kind in source order.</summary>
public sealed record BoundModel(
    ImmutableArray<AcceleratorSymbol> Accelerators,
    ImmutableArray<NetworkSymbol> Networks,
    ImmutableArray<TrainingSymbol> Trainings,
    ImmutableArray<SweepSymbol> Sweeps)
{
    /// <summary>The training set-up named <paramref name="name"/>, or null.</summary>
    public TrainingSymbol? FindTraining(string name) => Trainings.FirstOrDefault(t => t.Name == name);

    /// <summary>The sweep named <paramref name="name"/>, or null.</summary>
    public SweepSymbol? FindSweep(string name) => Sweeps.FirstOrDefault(s => s.Name == name);
}
