using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Runtime.Serialization;

/// <summary>Checks named arrays against the tensors a network needs: none missing, none extra, each of the right type and shape.</summary>
internal static class TensorChecks
{
    /// <summary>
    /// Reports every tensor of <paramref name="specs"/> missing from <paramref name="found"/>, of another type than
    /// <paramref name="expected"/> or of another shape, and every array in <paramref name="found"/> the network has no
    /// place for. <paramref name="typeFix"/> says how to fix a wrong type.
    /// </summary>
    public static List<Diagnostic> Check(
        IReadOnlyList<KeyValuePair<string, NpyArray>> found,
        NetworkSymbol network,
        ImmutableArray<TensorSpec> specs,
        DiagnosticBuilder report,
        NpyDataType expected,
        string typeFix)
    {
        var diagnostics = new List<Diagnostic>();
        var byName = found.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            if (!byName.TryGetValue(spec.Name, out var array))
            {
                diagnostics.Add(report.TensorMissing(spec.Name, spec.Layer.Name, KindName(spec.Layer.Kind), NpyFormat.ShapeText(spec.Shape)));
            }
            else if (array.DataType != expected)
            {
                var foundType = $"{NpyFormat.PythonName(array.DataType)} ('{NpyFormat.Descr(array.DataType)}')";
                var expectedType = $"{NpyFormat.PythonName(expected)} ('{NpyFormat.Descr(expected)}')";
                diagnostics.Add(report.TensorTypeMismatch(spec.Name, foundType, expectedType, typeFix));
            }
            else if (!array.Shape.SequenceEqual(spec.Shape))
            {
                diagnostics.Add(report.TensorShapeMismatch(spec.Name, NpyFormat.ShapeText(array.Shape), spec.Layer.Name, NpyFormat.ShapeText(spec.Shape), spec.Layout));
            }
        }

        var known = specs.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, _) in found)
        {
            if (!known.Contains(name))
            {
                diagnostics.Add(report.TensorUnexpected(name, network.Name, [.. specs.Select(s => s.Name)]));
            }
        }

        return diagnostics;
    }

    /// <summary>The kind as the .taxo file writes it, as in "conv2d".</summary>
    public static string KindName(LayerKind kind) => kind.ToString().ToLowerInvariant();
}
