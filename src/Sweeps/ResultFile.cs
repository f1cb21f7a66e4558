using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Sweeps;

/// <summary>Reads and writes <c>results/ID.json</c>; writes are atomic, so a result file is whole or absent.</summary>
public static class ResultFile
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = SweepFolder.Json(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", PointResult.SchemaVersion);
            json.WriteString("id", result.Id);
            json.WriteNumber("index", result.Index);
            json.WriteString("sweep", result.Sweep);
            json.WriteString("training", result.Training);
            json.WriteString("precision", result.IsFloat ? "float32" : "fixed");
            json.WriteStartObject("parameters");
            foreach (var (key, value) in result.Parameters)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteString("status", result.Status);
            if (result.Message is not null)
            {
                json.WriteString("message", result.Message);
            }

            json.WriteStartObject("metrics");
            foreach (var (key, value) in result.Metrics)
            {
                json.WriteNumber(key, value);
            }

            json.WriteEndObject();
            if (result.EnergyUnit is not null)
            {
                json.WriteString("energy_unit", result.EnergyUnit);
            }

            json.WriteNumber("samples", result.Samples);
            if (result.WeightsSha256 is not null)
            {
                json.WriteString("weights_sha256", result.WeightsSha256);
            }

            json.WriteString("tool_version", result.ToolVersion);
            json.WriteNumber("seed", result.Seed);
            json.WriteString("host", result.Host);
            if (result.JobId is not null)
            {
                json.WriteString("job_id", result.JobId);
            }
            else
            {
                json.WriteNull("job_id");
            }

            json.WriteNumber("restarts", result.Restarts);
            json.WriteNumber("seconds", result.Seconds);
            json.WriteEndObject();
        }, indented: true);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text + "\n"));
    }

    /// <summary>Reads the result at <paramref name="path"/>; throws <see cref="SweepException"/> when it is not one.</summary>
    public static PointResult Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            string? Optional(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return new PointResult(
                root.GetProperty("id").GetString()!,
                root.GetProperty("index").GetInt64(),
                root.GetProperty("sweep").GetString()!,
                root.GetProperty("training").GetString()!,
                root.GetProperty("precision").GetString() == "float32",
                [.. root.GetProperty("parameters").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!))],
                root.GetProperty("status").GetString()!,
                Optional("message"),
                [.. root.GetProperty("metrics").EnumerateObject().Select(p => new KeyValuePair<string, double>(p.Name, p.Value.GetDouble()))],
                Optional("energy_unit"),
                root.GetProperty("samples").GetInt64(),
                Optional("weights_sha256"),
                root.GetProperty("tool_version").GetString()!,
                root.GetProperty("seed").GetInt64(),
                root.GetProperty("host").GetString()!,
                Optional("job_id"),
                root.GetProperty("restarts").GetInt32(),
                root.GetProperty("seconds").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            throw new SweepException($"'{path}' is not a sweep result ({e.Message}); delete it to run its point again.", e);
        }
    }

    /// <summary>Every result of <paramref name="folder"/>, ordered by point index.</summary>
    public static ImmutableArray<PointResult> ReadAll(SweepFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return Directory.Exists(folder.ResultsFolder)
            ? [.. Directory.EnumerateFiles(folder.ResultsFolder, "*.json").Where(p => !Path.GetFileName(p).StartsWith('.')).Select(Read).OrderBy(r => r.Index)]
            : [];
    }
}
