using System.Collections.Immutable;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Text;

namespace TaxoNN.Runtime.Serialization;

/// <summary>
/// Weights as NumPy .npz files with PyTorch state_dict names and layouts (<see cref="WeightLayout"/>), so a model
/// trained in PyTorch (<c>numpy.savez(f, **{k: v.numpy() for k, v in model.state_dict().items()})</c>) can be
/// evaluated here and the other way round.
/// </summary>
public static class WeightFile
{
    private const string TypeFix = "convert it with 'tensor.float()' in PyTorch or 'a.astype(numpy.float32)' in NumPy before saving";

    /// <summary>
    /// Reads the weights of <paramref name="network"/> from <paramref name="path"/>. Every tensor the network needs
    /// must be there, as float32 with the layer's shape, and no other: each problem is a diagnostic naming the file
    /// and the tensor, and then no weights are returned.
    /// </summary>
    public static ReadResult<WeightSet> Read(string path, NetworkSymbol network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var archive = NpzArchive.Read(path);
        if (archive.Value is null)
        {
            return ReadResult<WeightSet>.Failure(archive.Diagnostics);
        }

        var specs = WeightLayout.Of(network);
        var report = DiagnosticBuilder.ForFile(new SourceText(path, string.Empty));
        var diagnostics = TensorChecks.Check(archive.Value.Arrays, network, specs, report, NpyDataType.Float32, TypeFix);
        if (diagnostics.Count > 0)
        {
            return ReadResult<WeightSet>.Failure(diagnostics);
        }

        return ReadResult<WeightSet>.Success(new WeightSet(specs.Select(spec =>
            new WeightTensor(spec.Name, spec.Shape, [.. archive.Value[spec.Name].ToArray<float>()]))));
    }

    /// <summary>
    /// Writes <paramref name="weights"/> to <paramref name="path"/> as an uncompressed .npz of float32 arrays, in
    /// order, atomically; a failure is a diagnostic and leaves the previous file unchanged.
    /// </summary>
    public static ImmutableArray<Diagnostic> Write(string path, WeightSet weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return ToArchive(weights).Write(path);
    }

    internal static NpzArchive ToArchive(WeightSet weights, string prefix = "") =>
        new(weights.Select(t => new KeyValuePair<string, NpyArray>(prefix + t.Name, NpyArray.Create(t.Values.AsSpan(), t.Shape.AsSpan()))));
}
