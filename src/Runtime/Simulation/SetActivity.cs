namespace TaxoNN.Runtime.Simulation;

/// <summary>
/// The work of one PE set in one conv-like pass sequence: its top-left PE, its size, the cycles it computed in
/// (from <see cref="FirstCycle"/> to the cycle before <see cref="EndCycle"/>) and the units it ran. Element-wise
/// work is one activity over the whole array.
/// </summary>
public sealed record SetActivity(int Row, int Column, int Height, int Width, long FirstCycle, long EndCycle, long Units, string Pass);
