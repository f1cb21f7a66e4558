using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TaxoNN.Sweeps.Tests;

/// <summary>
/// <c>taxo sweep collect</c> into SQLite and plots, on planned sweeps whose result files the tests write themselves, so
/// that no point trains.
/// </summary>
public sealed class CollectTests
{
    private const string Axes = "pe_array [4 x 4, 8 x 8]\nall [16, 12]";

    [Fact]
    public void TheDatabaseHoldsTheRowsOfTheCsv()
    {
        using var work = new Workspace(1, 1);
        var folder = Plan(work, "  limit 10\n  budget 2 pp", Axes);
        WriteResults(folder, (p, i) => [new("misclassification", 0.1 + (0.01 * i) + 0.2), new("area", 1e3 / (i + 1)), new("power", Math.PI * i)], except: 3);

        var csv = Taxo.Run("sweep", "collect", folder.Path, "-o", Path.Combine(work.Path, "r.csv"));
        var sqlite = Taxo.Run("sweep", "collect", folder.Path, "-o", Path.Combine(work.Path, "r.sqlite"));

        Assert.Equal((0, 0), (csv.ExitCode, sqlite.ExitCode));
        Assert.Contains("4 results of 5 points written to", sqlite.Out, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(work.Path, "r.csv"));
        var header = lines[0].Split(',');
        var rows = ReadPoints(Path.Combine(work.Path, "r.sqlite"), header);
        Assert.Equal(lines.Length - 1, rows.Count);
        Assert.Equal(lines[1..], rows);
        Assert.Equal(["r.csv", "r.sqlite"], Directory.GetFiles(work.Path, "r*").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(work.Path, ".r.sqlite*"));

        // docs/sweeps.md's example: the smallest area within the budget for each PE array.
        using var database = Open(Path.Combine(work.Path, "r.sqlite"));
        Assert.Equal(["4 x 4", 500.0, 0.31, "8 x 8", 333.333333, 0.32],
            Query(database, "SELECT pe_array, round(min(area), 6), round(misclassification, 12) FROM points WHERE precision = 'fixed' AND within_budget = 1 GROUP BY pe_array"));
    }

    [Fact]
    public void TheDatabaseHasTheParametersAsNumbersAndJsonTheSweepAndAnIndexOnIds()
    {
        using var work = new Workspace(1, 1);
        var folder = Plan(work, "  limit 10\n  budget 2 pp", "all [16, 12]\nseed [7, 8]");
        WriteResults(folder, (p, i) => [new("misclassification", 0.1 + (0.005 * i))]);
        var path = Path.Combine(work.Path, "r.db");
        File.WriteAllText(path, "not a database");

        var result = Taxo.Run("sweep", "collect", folder.Path, "-o", path);

        Assert.Equal(0, result.ExitCode);
        using var database = Open(path);
        var wide = Query(database, "SELECT \"all\", \"parameter seed\", seed, parameters, within_budget FROM points WHERE id = $id", folder.Read().Points[1].Id);
        Assert.Equal([16L, 8L, 7L, "{\"all\":\"16\",\"seed\":\"8\"}", 1L], wide);
        Assert.Equal([2L], Query(database, "SELECT count(*) FROM points WHERE \"all\" < 14"));
        Assert.Equal(["16"], Query(database, "SELECT json_extract(parameters, '$.all') FROM points WHERE id = $id", folder.Read().Points[1].Id));
        Assert.Equal([1L, "S", 10L, 2.0, 5L, 5L, 0.12], Query(database, "SELECT schema_version, sweep, sample_limit, budget_pp, points, results, round(reference_misclassification, 12) FROM sweep"));
        Assert.Equal(["points_id", 1L], Query(database, "SELECT name, \"unique\" FROM pragma_index_list('points') WHERE name = 'points_id'"));
        Assert.Equal(["SEARCH points USING INDEX points_id (id=?)"], Query(database, "EXPLAIN QUERY PLAN SELECT * FROM points WHERE id = 'x'").Skip(3).Take(1));
    }

    [Fact]
    public void CollectRefusesATableItCannotNameAndNeedsAnOutput()
    {
        using var work = new Workspace(1, 1);
        var folder = Plan(work, "  limit 10", "all [16]");

        var neither = Taxo.Run("sweep", "collect", folder.Path);
        var text = Taxo.Run("sweep", "collect", folder.Path, "-o", Path.Combine(work.Path, "r.txt"));
        var picture = Taxo.Run("sweep", "collect", folder.Path, "--plot", Path.Combine(work.Path, "r.pdf"));

        Assert.Equal((2, 2, 2), (neither.ExitCode, text.ExitCode, picture.ExitCode));
        Assert.Contains("needs -o", neither.Error, StringComparison.Ordinal);
        Assert.Contains(".sqlite", text.Error, StringComparison.Ordinal);
        Assert.Contains(".svg or .png", picture.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(work.Path, "r.*"));
    }

    [Fact]
    public void ThePlotDrawsMisclassificationAgainstAreaPowerAndEnergyTheSameBytesEachTime()
    {
        using var work = new Workspace(1, 1);
        var folder = Plan(work, "  limit 10\n  budget 2 pp", Axes);
        WriteResults(folder, (p, i) => [new("misclassification", 0.05 * (5 - i)), new("area", 100.0 * (i + 1)), new("power", 10.0 * ((i * 7) % 5)), new("energy_per_step", 3.0 + i)]);
        var svg = Path.Combine(work.Path, "p.svg");

        var first = Taxo.Run("sweep", "collect", folder.Path, "--plot", svg, "-o", Path.Combine(work.Path, "r.csv"));
        var bytes = File.ReadAllBytes(svg);
        var second = Taxo.Run("sweep", "collect", folder.Path, "--plot", svg);
        var png = Taxo.Run("sweep", "collect", folder.Path, "--plot", Path.Combine(work.Path, "p.png"));

        Assert.Equal((0, 0, 0), (first.ExitCode, second.ExitCode, png.ExitCode));
        Assert.Equal(string.Empty, first.Error);
        Assert.True(File.Exists(Path.Combine(work.Path, "r.csv")));
        Assert.Equal(bytes, File.ReadAllBytes(svg));
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        foreach (var heading in new[] { "misclassification against area", "misclassification against power", "misclassification against energy", "budget ceiling", "float32 reference", "Pareto frontier (", "dominated (" })
        {
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(work.Path, "p.png"))[..4]);
    }

    [Fact]
    public void ASweepThatDidNotTrainPlotsCyclesAndEnergyAgainstArea()
    {
        using var work = new Workspace(1, 1);
        var folder = Plan(work, "  metrics [cycles, energy, area]", Axes);
        WriteResults(folder, (p, i) => [new("cycles_per_step", 1e6 / (i + 1)), new("energy_per_step", 5.0 + i), new("area", 10.0 * (i + 1))]);
        var svg = Path.Combine(work.Path, "p.svg");

        var result = Taxo.Run("sweep", "collect", folder.Path, "--plot", svg);

        Assert.Equal(0, result.ExitCode);
        var text = File.ReadAllText(svg);
        Assert.Contains("cycles against area", text, StringComparison.Ordinal);
        Assert.Contains("energy against area", text, StringComparison.Ordinal);
        Assert.DoesNotContain("misclassification", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASweepWithNothingToPlotSaysWhyAndWritesNothing()
    {
        using var work = new Workspace(1, 1);
        var folder = Plan(work, "  metrics [cycles]", Axes);
        WriteResults(folder, (p, i) => [new("cycles_per_step", 1e6 / (i + 1))]);

        var result = Taxo.Run("sweep", "collect", folder.Path, "--plot", Path.Combine(work.Path, "p.svg"), "-o", Path.Combine(work.Path, "r.sqlite"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("sweep S cannot be plotted", result.Error, StringComparison.Ordinal);
        Assert.Contains("add 'misclassification', or 'area' with 'cycles' or 'energy'", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(work.Path, "p.*"));
        Assert.Empty(Directory.GetFiles(work.Path, "*r.sqlite*"));
    }

    [Fact]
    public void PanelsMarkTheFrontierAmongFixedPointResultsAndPlaceTheReferenceAndCeiling()
    {
        using var work = new Workspace(1, 1);
        var folder = Plan(work, "  limit 10\n  budget 2 pp", Axes);
        (double Error, double Area)[] figures = [(0.10, 4), (0.20, 1), (0.15, 5), (0.20, 2), (0.08, 32)];
        WriteResults(folder, (p, i) => [new("misclassification", figures[i].Error), new("area", figures[i].Area)]);

        var panels = FrontierPanels.Of(folder.Read(), ResultFile.ReadAll(folder), out var whyNot);

        Assert.Null(whyNot);
        var panel = Assert.Single(panels);
        Assert.Equal(("area", "misclassification"), (panel.XMetric, panel.YMetric));
        Assert.Equal([true, true, false, false], panel.Points.Select(p => p.OnFrontier));
        Assert.Equal(new FrontierPoint(4, 32, 0.08, false), panel.Reference);
        Assert.Equal(0.10, panel.Ceiling!.Value, 12);
    }

    private static SweepFolder Plan(Workspace work, string settings, string axes)
    {
        var file = work.WriteSweep("s.taxo", settings, axes);
        var planned = Taxo.Run("sweep", "plan", file, "-o", work.Folder("sweep"));
        Assert.True(planned.ExitCode == 0, planned.Out + planned.Error);
        return new SweepFolder(work.Folder("sweep"));
    }

    // One result per planned point (but the one at index `except`), with the metrics `figures` gives it.
    private static void WriteResults(SweepFolder folder, Func<PlannedPoint, int, KeyValuePair<string, double>[]> figures, int except = -1)
    {
        foreach (var point in folder.Read().Points.Where(p => p.Index != except))
        {
            var index = (int)point.Index;
            ResultFile.Write(folder.ResultFile(point.Id), new PointResult(
                point.Id, point.Index, "S", "T", point.IsFloat, point.Parameters, "done", null, [.. figures(point, index)], "MAC16", 10,
                "ab" + index.ToString(CultureInfo.InvariantCulture), "0.1.0-test", 7, "node-" + index.ToString(CultureInfo.InvariantCulture),
                index % 2 == 0 ? null : "42_" + index.ToString(CultureInfo.InvariantCulture), index, 1.25 * index));
        }
    }

    private static SqliteConnection Open(string path)
    {
        var database = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        database.Open();
        return database;
    }

    private static List<object> Query(SqliteConnection database, string sql, string? id = null)
    {
        using var command = database.CreateCommand();
        command.CommandText = sql;
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
        }

        using var reader = command.ExecuteReader();
        var values = new List<object>();
        while (reader.Read())
        {
            values.AddRange(Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue));
        }

        return values;
    }

    // The database's rows spelled as the CSV spells them, column for column of the CSV's header.
    private static List<string> ReadPoints(string path, string[] header)
    {
        using var database = Open(path);
        using var command = database.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", header.Select(h => "\"" + h + "\""))} FROM points ORDER BY \"index\"";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(i => (header[i], reader.GetValue(i)) switch
            {
                (_, DBNull) => string.Empty,
                ("within_budget", long verdict) => verdict == 1 ? "yes" : "no",
                ("seconds", double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture),
                (_, double number) => number.ToString("R", CultureInfo.InvariantCulture),
                (_, long number) => number.ToString(CultureInfo.InvariantCulture),
                (_, var value) => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            })));
        }

        return rows;
    }
}
