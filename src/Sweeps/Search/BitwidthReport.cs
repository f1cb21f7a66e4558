using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.CostModel;

namespace TaxoNN.Sweeps.Search;

/// <summary>
/// What the bitwidth search found: the float32 reference, the start and the chosen set-up with their
/// misclassifications, the width of every group, the trainings it took against those of the full grid, and the costs
/// of the chosen set-up (with the cost model's full-precision and uniform-16-bit designs beside it).
/// </summary>
public sealed record BitwidthReport(
    double Budget,
    double FloatMisclassification,
    double StartMisclassification,
    double ChosenMisclassification,
    TrainingSymbol Chosen,
    ImmutableArray<BitwidthChoice> Choices,
    ImmutableArray<BitwidthTrial> Trials,
    double GridTrainings,
    SetupCost Cost)
{
    /// <summary>Whether even the start was outside the budget (then nothing was narrowed).</summary>
    public bool StartOutsideBudget => (StartMisclassification - FloatMisclassification) * 100 > Budget;
}
