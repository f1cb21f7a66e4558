namespace TaxoNN.Runtime.CostModel;

/// <summary>
/// The costs of one training step on one design at one precision: the array's area (set by its widest word, one
/// physical array), its power weighted by each op's width and duration, and the step's energy from its accesses.
/// Area and power are in the synthesis tables' units (not stated in the paper) for the whole array; energy in the
/// step energy's unit.
/// </summary>
public sealed record DesignCost(
    string Label,
    Design Design,
    int AreaBits,
    double Area,
    double Power,
    bool Extrapolated,
    StepEnergy Energy);
