using System.IO.Compression;
using TaxoNN.Language.Diagnostics;
using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Runtime.Tests.Serialization;

/// <summary>
/// Every bad weights or checkpoint file gives its code, names the file (and the tensor), returns nothing and
/// overwrites nothing; every code of TAXO5050..TAXO5099 is produced by one of these cases.
/// </summary>
public sealed class DataFileBadInputTests
{
    private const string Header = "{'descr': '<f4', 'fortran_order': False, 'shape': (6,)}";

    private static readonly Dictionary<string, (string Code, string Named, Func<TempFolder, Outcome> Run)> Cases = new()
    {
        ["MissingFile"] = ("TAXO5050", "does not exist", f => ReadWeights(f["absent.npz"])),
        ["Folder"] = ("TAXO5050", "it is a folder", f => ReadWeights(Directory.CreateDirectory(f["folder.npz"]).FullName)),
        ["TruncatedArchive"] = ("TAXO5051", "truncated", f => ReadWeights(Cut(GoodWeights(f), 0.5))),
        ["GarbageBytes"] = ("TAXO5051", "not a zip", f => ReadWeights(Bytes(f, "garbage.npz", Garbage(4096)))),
        ["CorruptDeflateStream"] = ("TAXO5051", "corrupt", f => ReadWeights(CorruptDeflated(f))),
        ["EntryNotNpy"] = ("TAXO5052", "'c1.bias'", f => ReadWeights(Zip(f, ("c1.bias.npy", "hello, world"u8.ToArray())))),
        ["TruncatedArray"] = ("TAXO5053", "'c1.bias'", f => ReadWeights(Zip(f, ("c1.bias.npy", NpyArrayTests.Npy(Header, new byte[23]))))),
        ["AbsurdHeaderLength"] = ("TAXO5054", "a header of 4294967295 bytes", f => ReadWeights(Zip(f, ("c1.bias.npy", [0x93, .."NUMPY"u8, 2, 0, 0xFF, 0xFF, 0xFF, 0xFF])))),
        ["AbsurdShape"] = ("TAXO5054", "'c1.bias'", f => ReadWeights(Zip(f, ("c1.bias.npy", NpyArrayTests.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000)}", []))))),
        ["FortranOrder"] = ("TAXO5055", "'c1.bias'", f => ReadWeights(Zip(f, ("c1.bias.npy", NpyArrayTests.Npy(Header.Replace("False", "True", StringComparison.Ordinal), new byte[24]))))),
        ["UnsupportedType"] = ("TAXO5056", "'<f2'", f => ReadWeights(Zip(f, ("c1.bias.npy", NpyArrayTests.Npy(Header.Replace("<f4", "<f2", StringComparison.Ordinal), new byte[12]))))),
        ["DuplicateArray"] = ("TAXO5057", "two arrays named 'c1.bias'", f => ReadWeights(Zip(f, ("c1.bias.npy", Bias(6)), ("c1.bias.npy", Bias(6))))),
        ["EntryNotAnArray"] = ("TAXO5058", "'readme.txt'", f => ReadWeights(Zip(f, ("readme.txt", "weights"u8.ToArray())))),
        ["MissingTensor"] = ("TAXO5060", "no tensor 'f7.bias', which layer 'f7' (dense) needs with shape [10]", f => ReadWeights(Edit(GoodWeights(f), a => a.Where(p => p.Key != "f7.bias")))),
        ["ExtraTensor"] = ("TAXO5061", "'fc9.weight'", f => ReadWeights(Edit(GoodWeights(f), a => a.Append(new("fc9.weight", NpyArray.Create<float>([1], [1])))))),
        ["WrongShape"] = ("TAXO5062", "'c1.weight' in '", f => ReadWeights(Edit(GoodWeights(f), a => a.Select(p => p.Key == "c1.weight" ? new("c1.weight", NpyArray.Create<float>(new float[450], [6, 3, 5, 5])) : p)))),
        ["WrongType"] = ("TAXO5063", "is float64 ('<f8')", f => ReadWeights(Edit(GoodWeights(f), a => a.Select(p => p.Key == "f7.bias" ? new("f7.bias", NpyArray.Create<double>(new double[10], [10])) : p)))),
        ["FixedValueOutOfRange"] = ("TAXO5064", "holds the integer 40000 at flat index 3", f => ReadFixed(Edit(GoodFixed(f), a => a.Select(p => p.Key == "weights/c1.bias" ? new("weights/c1.bias", NpyArray.Create<int>([0, 0, 0, 40000, 0, 0], [6])) : p)))),
        ["OtherNetwork"] = ("TAXO5070", "another network", f => CheckpointFile.Read(GoodFixed(f), NetworkFingerprint.Of(Networks.Small("  flat: flatten\n  f2: dense(units: 10)").Network), PrecisionFingerprint.Of(Networks.LeNet5Training)).Outcome()),
        ["OtherPrecision"] = ("TAXO5071", "another precision", f => CheckpointFile.Read(GoodFixed(f), NetworkFingerprint.Of(Networks.LeNet5), PrecisionFingerprint.Float32).Outcome()),
        ["WeightsGivenAsCheckpoint"] = ("TAXO5072", "no entry 'checkpoint_version'", f => ReadFixed(GoodWeights(f))),
        ["CheckpointWithoutStep"] = ("TAXO5072", "no entry 'step'", f => ReadFixed(Edit(GoodFixed(f), a => a.Where(p => p.Key != "step")))),
        ["DataOrderNotAPermutation"] = ("TAXO5073", "'data_order'", f => ReadFixed(Edit(GoodFixed(f), a => a.Select(p => p.Key == "data_order" ? new("data_order", NpyArray.Create<int>([0, 1, 1], [3])) : p)))),
        ["StepOfTheWrongType"] = ("TAXO5073", "it must be a 0-d int64 array, but it is float32 of shape []", f => ReadFixed(Edit(GoodFixed(f), a => a.Select(p => p.Key == "step" ? new("step", NpyArray.Scalar(1f)) : p)))),
        ["FormatOutOfRange"] = ("TAXO5073", "'formats/c3.weight'", f => ReadFixed(Edit(GoodFixed(f), a => a.Select(p => p.Key == "formats/c3.weight" ? new("formats/c3.weight", NpyArray.Create<int>([40, 12], [2])) : p)))),
        ["CheckpointOfAnotherVersion"] = ("TAXO5074", "format version 2", f => ReadFixed(Edit(GoodFixed(f), a => a.Select(p => p.Key == "checkpoint_version" ? new("checkpoint_version", NpyArray.Scalar(2)) : p)))),
        ["WriteIntoMissingFolder"] = ("TAXO5080", "absent", f => new Outcome(null, WeightFile.Write(Path.Combine(f["absent"], "w.npz"), Checkpoints.Weights(Networks.LeNet5)))),
        ["WriteOverAFolder"] = ("TAXO5080", "out.npz", f => new Outcome(null, CheckpointFile.Write(Directory.CreateDirectory(f["out.npz"]).FullName, Checkpoints.Fixed(Networks.LeNet5Training)))),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void EachBadInputGivesItsCodeNamesTheFileAndOverwritesNothing(string name)
    {
        var (code, named, run) = Cases[name];
        using var folder = new TempFolder();
        var keep = folder["keep.npz"];
        WeightFile.Write(keep, Checkpoints.Weights(Networks.LeNet5, seed: 9));
        var kept = File.ReadAllBytes(keep);

        var outcome = run(folder);

        Assert.Null(outcome.Value);
        Assert.NotEmpty(outcome.Diagnostics);
        Assert.All(outcome.Diagnostics, d => Assert.Equal(code, d.Code));
        Assert.Contains(outcome.Diagnostics, d => d.Message.Contains(named, StringComparison.Ordinal));
        Assert.All(outcome.Diagnostics, d => Assert.StartsWith($"{d.Source.Path}(1,1): error {code}: ", d.ToString(), StringComparison.Ordinal));
        Assert.All(outcome.Diagnostics, d => Assert.Contains($"'{d.Source.Path}'", d.Message, StringComparison.Ordinal));
        Assert.Equal(kept, File.ReadAllBytes(keep));
        Assert.DoesNotContain(folder.Files, f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryDataFileCodeIsProducedByACase()
    {
        var codes = DiagnosticDescriptors.RuntimePhase
            .Select(d => d.Code)
            .Where(c => string.CompareOrdinal(c, "TAXO5050") >= 0 && string.CompareOrdinal(c, "TAXO5100") < 0);

        Assert.Equal(20, codes.Count());
        Assert.Empty(codes.Except(Cases.Values.Select(c => c.Code)));
    }

    [Fact]
    public void EveryDataFileCodeIsDocumentedUnderTheRuntimeHeading()
    {
        var lines = File.ReadAllLines(Path.Combine(TaxoNN.Tests.Shared.RepositoryPaths.Docs, "diagnostics.md"));
        var heading = Array.IndexOf(lines, "## 50xx: runtime and data");

        Assert.True(heading > 0, "docs/diagnostics.md has no '## 50xx: runtime and data' heading.");
        foreach (var descriptor in DiagnosticDescriptors.All.Where(d => string.CompareOrdinal(d.Code, "TAXO5050") >= 0 && string.CompareOrdinal(d.Code, "TAXO5100") < 0))
        {
            Assert.True(Array.IndexOf(lines, $"### {descriptor.Code}: {descriptor.Title}") > heading, $"{descriptor.Code} is not documented under the 50xx heading.");
        }
    }

    [Fact]
    public void EveryTruncationOfAnArchiveIsADiagnosticNeverAnException()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(GoodWeights(folder, Networks.Small("  flat: flatten\n  f2: dense(units: 10)").Network));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var length = 0; length < bytes.Length; length++)
        {
            using var stream = new MemoryStream(bytes, 0, length);
            var result = NpzArchive.Read(stream, "cut.npz");
            Assert.Null(result.Value);
            codes.UnionWith(result.Diagnostics.Select(d => d.Code));
        }

        Assert.Equal(["TAXO5051"], codes);
    }

    [Fact]
    public void ChangingAnyByteOfAnArchiveNeverThrows()
    {
        using var folder = new TempFolder();
        var path = folder["small.npz"];
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (var stored = zip.CreateEntry("a.npy", CompressionLevel.NoCompression).Open())
            {
                stored.Write(NpyArray.Create<float>([1, 2, 3], [3]).ToNpyBytes());
            }

            using var deflated = zip.CreateEntry("b.npy", CompressionLevel.Optimal).Open();
            deflated.Write(NpyArray.Create<short>([1, 2, 3, 4], [2, 2]).ToNpyBytes());
        }

        var bytes = File.ReadAllBytes(path);
        var failures = 0;
        foreach (var change in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                var copy = (byte[])bytes.Clone();
                copy[i] ^= change;
                var result = NpzArchive.Read(new MemoryStream(copy), "changed.npz");
                failures += result.Succeeded ? 0 : 1;
                Assert.Equal(result.Value is null, result.Diagnostics.Length > 0);
            }
        }

        Assert.True(NpzArchive.Read(new MemoryStream(bytes), "small.npz").Succeeded);
        Assert.True(failures > bytes.Length, $"only {failures} of {3 * bytes.Length} changed archives were rejected");
    }

    private static Outcome ReadWeights(string path) => WeightFile.Read(path, Networks.LeNet5).Outcome();

    private static Outcome ReadFixed(string path) =>
        CheckpointFile.Read(path, NetworkFingerprint.Of(Networks.LeNet5), PrecisionFingerprint.Of(Networks.LeNet5Training)).Outcome();

    private static string GoodWeights(TempFolder folder, Compiler.Semantics.NetworkSymbol? network = null)
    {
        var path = folder["good.npz"];
        Assert.Empty(WeightFile.Write(path, Checkpoints.Weights(network ?? Networks.LeNet5)));
        return path;
    }

    private static string GoodFixed(TempFolder folder)
    {
        var path = folder["checkpoint.npz"];
        Assert.Empty(CheckpointFile.Write(path, Checkpoints.Fixed(Networks.LeNet5Training)));
        return path;
    }

    private static string Cut(string path, double fraction)
    {
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * fraction)]);
        return path;
    }

    private static string Bytes(TempFolder folder, string name, byte[] bytes)
    {
        File.WriteAllBytes(folder[name], bytes);
        return folder[name];
    }

    private static byte[] Garbage(int length)
    {
        var bytes = new byte[length];
        new Random(5).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Bias(int length) => NpyArray.Create<float>(new float[length], [length]).ToNpyBytes();

    private static string Zip(TempFolder folder, params (string Name, byte[] Bytes)[] entries)
    {
        var path = folder["custom.npz"];
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                stream.Write(bytes);
            }
        }

        return path;
    }

    // A deflated entry whose compressed bytes are overwritten in the middle: the inflater or the CRC check fails.
    private static string CorruptDeflated(TempFolder folder)
    {
        var path = folder["deflated.npz"];
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("c1.weight.npy", CompressionLevel.Optimal).Open();
            stream.Write(NpyArray.Create<float>(Enumerable.Range(0, 150).Select(i => (float)Math.Sin(i)).ToArray(), [6, 1, 5, 5]).ToNpyBytes());
        }

        var bytes = File.ReadAllBytes(path);
        for (var i = 60; i < 140; i++)
        {
            bytes[i] = 0xFF;
        }

        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Edit(string path, Func<IEnumerable<KeyValuePair<string, NpyArray>>, IEnumerable<KeyValuePair<string, NpyArray>>> edit)
    {
        var archive = NpzArchive.Read(path).Value!;
        Assert.Empty(new NpzArchive(edit(archive.Arrays)).Write(path));
        return path;
    }
}
