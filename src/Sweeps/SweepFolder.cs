using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Sweeps;

/// <summary>
/// The folder of a planned sweep: <c>sweep.json</c> (the plan), <c>manifest.jsonl</c> (one point per line),
/// <c>results/ID.json</c> (one file per finished point), <c>checkpoints/</c>, <c>logs/</c> and <c>slurm/</c>.
/// </summary>
public sealed class SweepFolder
{
    /// <summary>Opens the sweep folder at <paramref name="path"/> (which need not exist yet).</summary>
    public SweepFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The plan's file.</summary>
    public string PlanFile => Combine("sweep.json");

    /// <summary>The manifest, one point per line.</summary>
    public string ManifestFile => Combine("manifest.jsonl");

    /// <summary>The folder of result files.</summary>
    public string ResultsFolder => Combine("results");

    /// <summary>The folder of checkpoints of points in flight.</summary>
    public string CheckpointsFolder => Combine("checkpoints");

    /// <summary>The folder of the local runner's logs.</summary>
    public string LogsFolder => Combine("logs");

    /// <summary>The folder of Slurm job scripts, submissions and logs.</summary>
    public string SlurmFolder => Combine("slurm");

    /// <summary>The result file of the point <paramref name="id"/>.</summary>
    public string ResultFile(string id) => System.IO.Path.Combine(ResultsFolder, id + ".json");

    /// <summary>The checkpoint of the point <paramref name="id"/>.</summary>
    public string CheckpointFile(string id) => System.IO.Path.Combine(CheckpointsFolder, id + ".checkpoint.npz");

    /// <summary>The file that counts how often the point <paramref name="id"/> resumed from its checkpoint.</summary>
    public string RestartsFile(string id) => System.IO.Path.Combine(CheckpointsFolder, id + ".restarts");

    /// <summary>Whether a plan has been written here.</summary>
    public bool HasPlan => File.Exists(PlanFile) && File.Exists(ManifestFile);

    /// <summary>Whether the point <paramref name="id"/> has its result.</summary>
    public bool IsDone(string id) => File.Exists(ResultFile(id));

    /// <summary>Writes <paramref name="plan"/>: the manifest first, then sweep.json, each atomically, so that a folder with sweep.json is complete.</summary>
    public void Write(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(ResultsFolder);
        var manifest = new StringBuilder();
        foreach (var point in plan.Points)
        {
            manifest.Append(Json(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("index", point.Index);
                json.WriteString("id", point.Id);
                json.WriteString("precision", point.IsFloat ? "float32" : "fixed");
                json.WriteNumber("grid_index", point.GridIndex);
                json.WriteStartObject("parameters");
                foreach (var (key, value) in point.Parameters)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }, indented: false));
            manifest.Append('\n');
        }

        AtomicFile.WriteAllBytes(ManifestFile, Encoding.UTF8.GetBytes(manifest.ToString()));
        var header = Json(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", SweepPlan.SchemaVersion);
            json.WriteString("tool_version", plan.ToolVersion);
            json.WriteString("file", plan.File);
            json.WriteString("sweep", plan.Sweep);
            json.WriteString("training", plan.Training);
            json.WriteString("sources_sha256", plan.SourcesSha256);
            WriteNullable(json, "limit", plan.Limit);
            WriteNullable(json, "budget_pp", plan.Budget);
            json.WriteStartArray("metrics");
            foreach (var metric in plan.Metrics)
            {
                json.WriteStringValue(metric);
            }

            json.WriteEndArray();
            json.WriteNumber("points", plan.Points.Length);
            json.WriteEndObject();
        }, indented: true);
        AtomicFile.WriteAllBytes(PlanFile, Encoding.UTF8.GetBytes(header + "\n"));
    }

    /// <summary>Reads the plan; throws <see cref="SweepException"/> when the folder has none or it is damaged.</summary>
    public SweepPlan Read()
    {
        if (!HasPlan)
        {
            throw new SweepException($"'{Path}' holds no sweep plan (sweep.json and manifest.jsonl); write one with 'taxo sweep plan FILE -o {Path}'.");
        }

        try
        {
            using var header = JsonDocument.Parse(File.ReadAllBytes(PlanFile));
            var root = header.RootElement;
            var version = root.GetProperty("schema_version").GetInt32();
            if (version != SweepPlan.SchemaVersion)
            {
                throw new SweepException($"'{PlanFile}' has schema version {version}; this version of taxo reads {SweepPlan.SchemaVersion}. Plan the sweep again.");
            }

            var points = ImmutableArray.CreateBuilder<PlannedPoint>();
            foreach (var line in File.ReadLines(ManifestFile).Where(l => l.Length > 0))
            {
                using var document = JsonDocument.Parse(line);
                var point = document.RootElement;
                points.Add(new PlannedPoint(
                    point.GetProperty("index").GetInt64(),
                    point.GetProperty("id").GetString()!,
                    point.GetProperty("precision").GetString() == "float32",
                    point.GetProperty("grid_index").GetInt64(),
                    [.. point.GetProperty("parameters").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!))]));
            }

            var expected = root.GetProperty("points").GetInt64();
            if (points.Count != expected || points.Select((p, i) => p.Index == i).Any(ok => !ok))
            {
                throw new SweepException($"'{ManifestFile}' holds {points.Count} points in order, but sweep.json says {expected}; plan the sweep again.");
            }

            return new SweepPlan(
                root.GetProperty("file").GetString()!,
                root.GetProperty("sweep").GetString()!,
                root.GetProperty("training").GetString()!,
                root.GetProperty("sources_sha256").GetString()!,
                root.GetProperty("tool_version").GetString()!,
                root.GetProperty("limit").ValueKind == JsonValueKind.Null ? null : root.GetProperty("limit").GetInt64(),
                root.GetProperty("budget_pp").ValueKind == JsonValueKind.Null ? null : root.GetProperty("budget_pp").GetDouble(),
                [.. root.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()!)],
                points.ToImmutable());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            throw new SweepException($"The plan in '{Path}' cannot be read ({e.Message}); plan the sweep again.");
        }
    }

    /// <summary>The ids of the points whose result file exists.</summary>
    public HashSet<string> DoneIds() =>
        Directory.Exists(ResultsFolder)
            ? Directory.EnumerateFiles(ResultsFolder, "*.json").Select(System.IO.Path.GetFileNameWithoutExtension).OfType<string>().Where(n => !n.StartsWith('.')).ToHashSet(StringComparer.Ordinal)
            : [];

    internal static string Json(Action<Utf8JsonWriter> write, bool indented)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Formats <paramref name="value"/> for messages.</summary>
    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
