using System.Collections.Immutable;
using System.Text;
using TaxoNN.Compiler.Binding;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Language.Text;

namespace TaxoNN.Runtime.Serialization;

/// <summary>
/// Checkpoints as uncompressed .npz files, so NumPy can inspect them: 'checkpoint_version', 'network_fingerprint'
/// and 'precision_fingerprint' (UTF-8 text as uint8), 'step' (int64), 'epoch' (int32), 'seed' (int64),
/// 'data_order' (int32 permutation), and per tensor 'weights/NAME' (float32, or int32 raw fixed-point integers with
/// 'formats/NAME' holding [word bits, fraction bits]).
/// </summary>
public static class CheckpointFile
{
    /// <summary>The version this TaxoNN writes and reads.</summary>
    public const int Version = 1;

    private const string VersionEntry = "checkpoint_version";
    private const string NetworkEntry = "network_fingerprint";
    private const string PrecisionEntry = "precision_fingerprint";
    private const string StepEntry = "step";
    private const string EpochEntry = "epoch";
    private const string SeedEntry = "seed";
    private const string DataOrderEntry = "data_order";
    private const string WeightsPrefix = "weights/";
    private const string FormatsPrefix = "formats/";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes <paramref name="checkpoint"/> to <paramref name="path"/> atomically; a failure is a diagnostic and leaves
    /// the previous checkpoint unchanged. The same checkpoint always gives the same bytes.
    /// </summary>
    public static ImmutableArray<Diagnostic> Write(string path, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return ToArchive(checkpoint).Write(path);
    }

    /// <summary>
    /// Reads the checkpoint at <paramref name="path"/> for a run of <paramref name="network"/> with
    /// <paramref name="precision"/>. A checkpoint of another network or another precision, a missing or invalid
    /// entry, or a weight tensor that is missing, extra, of the wrong type or shape or outside its format, is a
    /// diagnostic naming the file and what differs; then no checkpoint is returned.
    /// </summary>
    public static ReadResult<Checkpoint> Read(string path, NetworkFingerprint network, PrecisionFingerprint precision)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(precision);
        var read = NpzArchive.Read(path);
        if (read.Value is not { } archive)
        {
            return ReadResult<Checkpoint>.Failure(read.Diagnostics);
        }

        var report = DiagnosticBuilder.ForFile(new SourceText(path, string.Empty));
        var diagnostics = new List<Diagnostic>();

        // The version decides how the rest is read, and the fingerprints whether the rest means anything here.
        if (!TryScalar(archive, VersionEntry, NpyDataType.Int32, report, diagnostics, out int version))
        {
            return ReadResult<Checkpoint>.Failure(diagnostics);
        }

        if (version != Version)
        {
            return ReadResult<Checkpoint>.Failure(report.CheckpointVersionUnsupported(version, Version));
        }

        var networkText = ReadText(archive, NetworkEntry, report, diagnostics);
        var precisionText = ReadText(archive, PrecisionEntry, report, diagnostics);
        if (networkText is not null && networkText != network.Text)
        {
            diagnostics.Add(report.CheckpointNetworkMismatch(Difference(networkText, network.Text, "layer")));
        }

        if (precisionText is not null && precisionText != precision.Text)
        {
            diagnostics.Add(report.CheckpointPrecisionMismatch(PrecisionDifference(precisionText, precision)));
        }

        if (diagnostics.Count > 0)
        {
            return ReadResult<Checkpoint>.Failure(diagnostics);
        }

        TryScalar(archive, StepEntry, NpyDataType.Int64, report, diagnostics, out long step);
        TryScalar(archive, EpochEntry, NpyDataType.Int32, report, diagnostics, out int epoch);
        TryScalar(archive, SeedEntry, NpyDataType.Int64, report, diagnostics, out long seed);
        if (step < 0)
        {
            diagnostics.Add(report.CheckpointEntryInvalid(StepEntry, $"it is {step}, but a step count cannot be negative"));
        }

        if (epoch < 0)
        {
            diagnostics.Add(report.CheckpointEntryInvalid(EpochEntry, $"it is {epoch}, but an epoch cannot be negative"));
        }

        var order = ReadDataOrder(archive, report, diagnostics);
        var (floats, fixeds) = ReadWeights(archive, network, precision, report, diagnostics);
        if (diagnostics.Count > 0)
        {
            return ReadResult<Checkpoint>.Failure(diagnostics);
        }

        return ReadResult<Checkpoint>.Success(new Checkpoint(network, precision, step, epoch, seed, order, floats, fixeds));
    }

    private static NpzArchive ToArchive(Checkpoint checkpoint)
    {
        var specs = checkpoint.Network.Tensors;
        IEnumerable<(string Name, ImmutableArray<int> Shape)> tensors;
        if (checkpoint.Precision.IsFloat)
        {
            if (checkpoint.FloatWeights is null || !checkpoint.FixedWeights.IsDefaultOrEmpty)
            {
                throw new ArgumentException("A float32 checkpoint holds float weights only.", nameof(checkpoint));
            }

            tensors = checkpoint.FloatWeights.Select(t => (t.Name, t.Shape));
        }
        else
        {
            if (checkpoint.FloatWeights is not null)
            {
                throw new ArgumentException("A fixed-point checkpoint holds fixed-point weights only.", nameof(checkpoint));
            }

            tensors = checkpoint.FixedWeights.IsDefault ? [] : checkpoint.FixedWeights.Select(t => (t.Name, t.Shape));
        }

        if (!tensors.Select(t => t.Name).SequenceEqual(specs.Select(s => s.Name))
            || !tensors.Zip(specs).All(pair => pair.First.Shape.SequenceEqual(pair.Second.Shape)))
        {
            throw new ArgumentException("The checkpoint's weights are not the tensors of its network, in order.", nameof(checkpoint));
        }

        var arrays = new List<KeyValuePair<string, NpyArray>>
        {
            new(VersionEntry, NpyArray.Scalar(Version)),
            new(NetworkEntry, Text(checkpoint.Network.Text)),
            new(PrecisionEntry, Text(checkpoint.Precision.Text)),
            new(StepEntry, NpyArray.Scalar(checkpoint.Step)),
            new(EpochEntry, NpyArray.Scalar(checkpoint.Epoch)),
            new(SeedEntry, NpyArray.Scalar(checkpoint.Seed)),
            new(DataOrderEntry, NpyArray.Create(checkpoint.DataOrder.AsSpan(), [checkpoint.DataOrder.Length])),
        };
        if (checkpoint.FloatWeights is { } floats)
        {
            arrays.AddRange(WeightFile.ToArchive(floats, WeightsPrefix).Arrays);
        }
        else if (!checkpoint.FixedWeights.IsDefault)
        {
            foreach (var tensor in checkpoint.FixedWeights)
            {
                arrays.Add(new(WeightsPrefix + tensor.Name, NpyArray.Create(tensor.Values.AsSpan(), tensor.Shape.AsSpan())));
                arrays.Add(new(FormatsPrefix + tensor.Name, NpyArray.Create<int>([tensor.Format.WordBits, tensor.Format.FractionBits], [2])));
            }
        }

        return new NpzArchive(arrays);
    }

    private static NpyArray Text(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return NpyArray.Create<byte>(bytes, [bytes.Length]);
    }

    private static NpyArray? Entry(NpzArchive archive, string name, DiagnosticBuilder report, List<Diagnostic> diagnostics)
    {
        if (archive.TryGetValue(name, out var array))
        {
            return array;
        }

        diagnostics.Add(report.CheckpointEntryMissing(name));
        return null;
    }

    private static bool TryScalar<T>(NpzArchive archive, string name, NpyDataType type, DiagnosticBuilder report, List<Diagnostic> diagnostics, out T value)
        where T : unmanaged
    {
        value = default;
        if (Entry(archive, name, report, diagnostics) is not { } array)
        {
            return false;
        }

        if (array.DataType != type || array.Shape.Length != 0)
        {
            diagnostics.Add(report.CheckpointEntryInvalid(name, $"it must be a 0-d {NpyFormat.PythonName(type)} array, but it is {Describe(array)}"));
            return false;
        }

        value = array.ToArray<T>()[0];
        return true;
    }

    private static string? ReadText(NpzArchive archive, string name, DiagnosticBuilder report, List<Diagnostic> diagnostics)
    {
        if (Entry(archive, name, report, diagnostics) is not { } array)
        {
            return null;
        }

        if (array.DataType != NpyDataType.UInt8 || array.Shape.Length != 1)
        {
            diagnostics.Add(report.CheckpointEntryInvalid(name, $"it must be a 1-d uint8 array of UTF-8 text, but it is {Describe(array)}"));
            return null;
        }

        try
        {
            return StrictUtf8.GetString(array.Bytes);
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Add(report.CheckpointEntryInvalid(name, "its bytes are not UTF-8 text"));
            return null;
        }
    }

    private static ImmutableArray<int> ReadDataOrder(NpzArchive archive, DiagnosticBuilder report, List<Diagnostic> diagnostics)
    {
        if (Entry(archive, DataOrderEntry, report, diagnostics) is not { } array)
        {
            return [];
        }

        if (array.DataType != NpyDataType.Int32 || array.Shape.Length != 1)
        {
            diagnostics.Add(report.CheckpointEntryInvalid(DataOrderEntry, $"it must be a 1-d int32 array, but it is {Describe(array)}"));
            return [];
        }

        var order = array.ToArray<int>();
        var seen = new bool[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var sample = order[i];
            if (sample < 0 || sample >= order.Length || seen[sample])
            {
                diagnostics.Add(report.CheckpointEntryInvalid(DataOrderEntry, $"it is not a permutation of 0..{order.Length - 1}: it holds {sample} at index {i}"));
                return [];
            }

            seen[sample] = true;
        }

        return [.. order];
    }

    private static (WeightSet? Floats, ImmutableArray<FixedTensor> Fixeds) ReadWeights(
        NpzArchive archive, NetworkFingerprint network, PrecisionFingerprint precision, DiagnosticBuilder report, List<Diagnostic> diagnostics)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { VersionEntry, NetworkEntry, PrecisionEntry, StepEntry, EpochEntry, SeedEntry, DataOrderEntry };
        var weights = archive.Arrays
            .Where(pair => pair.Key.StartsWith(WeightsPrefix, StringComparison.Ordinal))
            .Select(pair => new KeyValuePair<string, NpyArray>(pair.Key[WeightsPrefix.Length..], pair.Value))
            .ToList();
        var specs = network.Tensors;
        var names = specs.Select(s => s.Name).ToArray();
        var fix = precision.IsFloat
            ? "a float32 checkpoint stores float32 weights, so it is corrupt"
            : "a fixed-point checkpoint stores the raw integers as int32, so it is corrupt";
        var before = diagnostics.Count;
        diagnostics.AddRange(TensorChecks.Check(weights, network.Network, specs, report, precision.IsFloat ? NpyDataType.Float32 : NpyDataType.Int32, fix));
        if (!precision.IsFloat)
        {
            foreach (var spec in specs)
            {
                known.Add(FormatsPrefix + spec.Name);
            }
        }

        foreach (var (name, _) in archive.Arrays)
        {
            if (!known.Contains(name) && !name.StartsWith(WeightsPrefix, StringComparison.Ordinal))
            {
                diagnostics.Add(report.TensorUnexpected(name, network.Network.Name, names));
            }
        }

        if (precision.IsFloat)
        {
            return diagnostics.Count > before
                ? (null, [])
                : (new WeightSet(specs.Select(s => new WeightTensor(s.Name, s.Shape, [.. archive[WeightsPrefix + s.Name].ToArray<float>()]))), []);
        }

        var fixeds = ImmutableArray.CreateBuilder<FixedTensor>();
        var valid = diagnostics.Count == before;
        foreach (var spec in specs)
        {
            var formatName = FormatsPrefix + spec.Name;
            if (Entry(archive, formatName, report, diagnostics) is not { } formatArray)
            {
                valid = false;
                continue;
            }

            if (formatArray.DataType != NpyDataType.Int32 || !formatArray.Shape.SequenceEqual([2]))
            {
                diagnostics.Add(report.CheckpointEntryInvalid(formatName, $"it must be an int32 array [word bits, fraction bits] of shape [2], but it is {Describe(formatArray)}"));
                valid = false;
                continue;
            }

            var bits = formatArray.ToArray<int>();
            var format = new FixedFormat(bits[0], bits[1]);
            if (format.WordBits is < Binder.MinTrainingWordBits or > Binder.MaxTrainingWordBits
                || format.FractionBits is < Binder.MinFractionBits or > Binder.MaxFractionBits)
            {
                diagnostics.Add(report.CheckpointEntryInvalid(formatName, $"it is {format}, outside the word bits {Binder.MinTrainingWordBits}..{Binder.MaxTrainingWordBits} and fraction bits {Binder.MinFractionBits}..{Binder.MaxFractionBits} TaxoNN trains with"));
                valid = false;
                continue;
            }

            if (!valid || !archive.TryGetValue(WeightsPrefix + spec.Name, out var values))
            {
                continue;
            }

            var raw = values.ToArray<int>();
            var index = FixedTensor.IndexOutside(raw, format);
            if (index >= 0)
            {
                diagnostics.Add(report.FixedValueOutOfRange(spec.Name, index, raw[index], format.ToString()));
                valid = false;
                continue;
            }

            fixeds.Add(new FixedTensor(spec.Name, spec.Shape, format, [.. raw]));
        }

        return valid ? (null, fixeds.ToImmutable()) : (null, []);
    }

    private static string Describe(NpyArray array) => $"{NpyFormat.PythonName(array.DataType)} of shape {NpyFormat.ShapeText(array.Shape)}";

    private static string PrecisionDifference(string found, PrecisionFingerprint expected)
    {
        var foundFloat = found == PrecisionFingerprint.Float32.Text;
        if (foundFloat != expected.IsFloat)
        {
            return foundFloat
                ? "it is of float32 training, and this run trains in fixed point"
                : "it is of fixed-point training, and this run trains in float32";
        }

        return Difference(found, expected.Text, "line");
    }

    // Names the first line in which the two fingerprints differ, so the user sees which layer or pass changed.
    private static string Difference(string found, string expected, string what)
    {
        var foundLines = found.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        while (i < foundLines.Length && i < expectedLines.Length && foundLines[i] == expectedLines[i])
        {
            i++;
        }

        return i < foundLines.Length && i < expectedLines.Length
            ? $"it has '{Shorten(foundLines[i])}' where this run has '{Shorten(expectedLines[i])}'"
            : i < expectedLines.Length
                ? $"this run has the {what} '{Shorten(expectedLines[i])}', which the checkpoint lacks"
                : $"it has the {what} '{Shorten(foundLines[i])}', which this run lacks";
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
