using System.Collections.Immutable;

namespace TaxoNN.Compiler.Semantics;

/// <summary>
/// One axis of a sweep: what it varies and its values, in the order written. For precision and rounding axes,
/// <see cref="Layers"/> are the layers it applies to (empty: every layer), <see cref="Pass"/> the pass (null: every
/// pass) and <see cref="Input"/> whether it sets the network's input. <see cref="Key"/> names it in manifests.
/// </summary>
public sealed record SweepAxis(
    string Key,
    SweepParameter Parameter,
    ImmutableArray<string> Layers,
    Pass? Pass,
    bool Input,
    ImmutableArray<SweepValue> Values,
    SourceLocation Location)
{
    /// <summary>How specific a precision or rounding axis is: a later one overrides an earlier one where both apply.</summary>
    public int Specificity => (Layers.IsEmpty ? 0 : 2) + (Pass is null ? 0 : 1);

    /// <summary>Whether the axis sets <paramref name="pass"/> of the layer named <paramref name="layer"/>.</summary>
    public bool Applies(string layer, Pass pass) =>
        !Input && (Layers.IsEmpty || Layers.Contains(layer)) && (Pass is null || Pass == pass);

    /// <summary>Whether the axis sets the network's input format or rounding (an 'input' axis, or one for every pass of every layer).</summary>
    public bool AppliesToInput => Input || (Layers.IsEmpty && Pass is null);
}
