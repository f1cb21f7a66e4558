namespace TaxoNN.Runtime.Reporting;

/// <summary>One bitwidth of a paper table next to the model: both designs, the paper's printed overhead and the overhead recomputed from the rounded table.</summary>
public sealed record CalibrationRow(int Bits, double PaperEyeriss, double ModelEyeriss, double PaperTaxoNN, double ModelTaxoNN, double PaperOverhead, double RecomputedOverhead);
