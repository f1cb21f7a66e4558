using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace TaxoNN.Sweeps;

/// <summary>
/// Gathers a sweep's result files into one SQLite database (docs/sweeps.md, "Collecting"): a table <c>points</c> with a
/// row per result, in plan order, and a table <c>sweep</c> with one row about the plan. Written to a temporary file beside
/// the target and renamed into place, so the database is whole or the old one stays.
/// </summary>
public static class SweepDatabase
{
    /// <summary>The version of the database's layout; a change that breaks readers bumps it.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The prefix of a parameter's column when the axis's key is also the name of another column (a <c>seed</c> axis).</summary>
    public const string ParameterPrefix = "parameter ";

    private static readonly string[] Leading = ["index", "id", "precision"];

    private static readonly string[] Trailing =
        ["parameters", "status", "message", "energy_unit", "within_budget", "samples", "weights_sha256", "tool_version", "seed", "restarts", "host", "job_id", "seconds"];

    /// <summary>
    /// Writes every result of <paramref name="folder"/> to the database <paramref name="path"/>, replacing it whole;
    /// returns the number of rows. Throws <see cref="SweepException"/> when it cannot be written.
    /// </summary>
    public static int Write(string path, SweepFolder folder, SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var results = ResultFile.ReadAll(folder);
        var target = Target(path);
        var temporary = Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Fill(temporary, plan, results);
            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            }

            File.Move(temporary, target, overwrite: true);
            return results.Length;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new SweepException($"the database '{path}' cannot be written: {e.Message}", e);
        }
    }

    /// <summary>
    /// The columns of parameters, one per axis key in the plan's order: the key itself, or <see cref="ParameterPrefix"/>
    /// and the key where that names another column (SQLite's names ignore case).
    /// </summary>
    public static IReadOnlyList<(string Key, string Column)> ParameterColumns(SweepPlan plan, IEnumerable<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var taken = new HashSet<string>(Leading.Concat(Trailing).Concat(metrics), StringComparer.OrdinalIgnoreCase);
        return [.. plan.Points.SelectMany(p => p.Parameters.Select(kv => kv.Key)).Distinct()
            .Select(key => (key, taken.Contains(key) ? ParameterPrefix + key : key))];
    }

    private static void Fill(string file, SweepPlan plan, IReadOnlyList<PointResult> results)
    {
        var metrics = results.SelectMany(r => r.Metrics.Select(m => m.Key)).Distinct().ToList();
        var parameters = ParameterColumns(plan, metrics);
        var reference = results.FirstOrDefault(r => r.IsFloat)?.Metric("misclassification");
        var connection = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        using var database = new SqliteConnection(connection);
        database.Open();
        using var transaction = database.BeginTransaction();

        // Parameters are NUMERIC so that widths and sizes compare as numbers ("12" < "16"); "4 x 4" stays text, and the
        // JSON column keeps every value exactly as the manifest spells it.
        var columns = new List<string>
        {
            "\"index\" INTEGER PRIMARY KEY", "id TEXT NOT NULL", "precision TEXT NOT NULL",
        };
        columns.AddRange(parameters.Select(p => $"{Quote(p.Column)} NUMERIC"));
        columns.AddRange(["parameters TEXT NOT NULL", "status TEXT NOT NULL", "message TEXT"]);
        columns.AddRange(metrics.Select(m => $"{Quote(m)} REAL"));
        columns.AddRange([
            "energy_unit TEXT", "within_budget INTEGER", "samples INTEGER NOT NULL", "weights_sha256 TEXT", "tool_version TEXT NOT NULL",
            "seed INTEGER NOT NULL", "restarts INTEGER NOT NULL", "host TEXT NOT NULL", "job_id TEXT", "seconds REAL NOT NULL",
        ]);
        Execute(database, $"CREATE TABLE points ({string.Join(", ", columns)})");
        Execute(database, "CREATE UNIQUE INDEX points_id ON points (id)");
        Execute(database,
            "CREATE TABLE sweep (schema_version INTEGER NOT NULL, sweep TEXT NOT NULL, training TEXT NOT NULL, file TEXT NOT NULL, " +
            "tool_version TEXT NOT NULL, sample_limit INTEGER, budget_pp REAL, metrics TEXT NOT NULL, points INTEGER NOT NULL, " +
            "results INTEGER NOT NULL, reference_misclassification REAL)");

        using (var header = database.CreateCommand())
        {
            header.CommandText = "INSERT INTO sweep VALUES ($v0, $v1, $v2, $v3, $v4, $v5, $v6, $v7, $v8, $v9, $v10)";
            object?[] values =
            [
                SchemaVersion, plan.Sweep, plan.Training, plan.File, plan.ToolVersion, plan.Limit, plan.Budget,
                SweepFolder.Json(json =>
                {
                    json.WriteStartArray();
                    foreach (var metric in plan.Metrics)
                    {
                        json.WriteStringValue(metric);
                    }

                    json.WriteEndArray();
                }, indented: false),
                plan.Points.Length, results.Count, reference,
            ];
            Bind(header, values);
            header.ExecuteNonQuery();
        }

        using var insert = database.CreateCommand();
        insert.CommandText = $"INSERT INTO points VALUES ({string.Join(", ", Enumerable.Range(0, columns.Count).Select(i => "$v" + i.ToString(CultureInfo.InvariantCulture)))})";
        foreach (var result in results)
        {
            var row = new List<object?> { result.Index, result.Id, result.IsFloat ? "float32" : "fixed" };
            row.AddRange(parameters.Select(p => (object?)result.Parameters.FirstOrDefault(kv => kv.Key == p.Key).Value));
            row.AddRange([ParametersJson(result), result.Status, result.Message]);
            row.AddRange(metrics.Select(m => (object?)result.Metric(m)));
            row.AddRange([
                result.EnergyUnit, SweepCollector.WithinBudget(plan, result, reference) is { } within ? (within ? 1 : 0) : null, result.Samples,
                result.WeightsSha256, result.ToolVersion, result.Seed, result.Restarts, result.Host, result.JobId, result.Seconds,
            ]);
            insert.Parameters.Clear();
            Bind(insert, row);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static string ParametersJson(PointResult result) => SweepFolder.Json(json =>
    {
        json.WriteStartObject();
        foreach (var (key, value) in result.Parameters)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }, indented: false);

    private static void Bind(SqliteCommand command, IReadOnlyList<object?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters.AddWithValue("$v" + i.ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value);
        }
    }

    private static void Execute(SqliteConnection database, string sql)
    {
        using var command = database.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // SQL's quoted identifier: axis keys hold spaces and commas ("layer f5,f6 forward").
    private static string Quote(string name) => new StringBuilder("\"").Append(name.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();

    // Renaming over a symbolic link would replace the link by a plain file; write to what it points to.
    private static string Target(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null
            ? Path.GetFullPath(path)
            : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
            File.Delete(temporary + "-journal");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is what the caller needs to hear about; a leftover temporary file is harmless.
        }
    }
}
