using TaxoNN.Compiler.Lowering;

namespace TaxoNN.Runtime.CostModel;

/// <summary>The energy of one op of a step, at the word width it runs at.</summary>
public sealed record OpEnergy(Op Op, int WordBits, EnergyLevels Energy);
