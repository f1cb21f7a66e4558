namespace TaxoNN.Sweeps.Tests;

/// <summary>Planning: the manifest, stable ids, the float32 reference of a budget, and bad input.</summary>
public sealed class PlanTests
{
    [Fact]
    public void PlansWriteOneLinePerPointWithIdsThatDoNotChangeBetweenPlans()
    {
        using var work = new Workspace(10, 10);
        var file = work.WriteSweep("s.taxo", "  limit 50\n  budget 1 pp", "pe_array [4 x 4, 8 x 8]\nall [16, 12]");

        var first = Taxo.Run("sweep", "plan", file, "-o", work.Folder("a"));
        var second = Taxo.Run("sweep", "plan", file, "-o", work.Folder("b"));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var lines = File.ReadAllLines(Path.Combine(work.Folder("a"), "manifest.jsonl"));
        Assert.Equal(5, lines.Length);
        Assert.Equal(lines, File.ReadAllLines(Path.Combine(work.Folder("b"), "manifest.jsonl")));
        Assert.Contains("\"parameters\":{\"pe_array\":\"8 x 8\",\"all\":\"12\"}", lines[3], StringComparison.Ordinal);
        Assert.Contains("\"precision\":\"float32\"", lines[4], StringComparison.Ordinal);
        var plan = new SweepFolder(work.Folder("a")).Read();
        Assert.Equal(5, plan.Points.Select(p => p.Id).Distinct().Count());
        Assert.Equal(50, plan.Limit);
        Assert.Equal(1, plan.Budget);
        Assert.Equal("../s.taxo", plan.File);
    }

    [Fact]
    public void AnIdDependsOnTheParametersTheLimitThePrecisionAndTheToolVersion()
    {
        KeyValuePair<string, string>[] parameters = [new("all", "12"), new("pe_array", "4 x 4")];
        var id = PointId.Of("T", false, 100, parameters, "1.0.0");

        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.Equal(id, PointId.Of("T", false, 100, parameters, "1.0.0"));
        Assert.NotEqual(id, PointId.Of("T", false, 100, [new("all", "14"), new("pe_array", "4 x 4")], "1.0.0"));
        Assert.NotEqual(id, PointId.Of("T", false, 200, parameters, "1.0.0"));
        Assert.NotEqual(id, PointId.Of("T", true, 100, parameters, "1.0.0"));
        Assert.NotEqual(id, PointId.Of("T", false, 100, parameters, "1.0.1"));
        Assert.NotEqual(id, PointId.Of("U", false, 100, parameters, "1.0.0"));
    }

    [Fact]
    public void PlanningAgainIntoAFolderKeepsItsResultsButAnotherSweepIsRefused()
    {
        using var work = new Workspace(10, 10);
        var file = work.WriteSweep("s.taxo", "", "all [16, 12]");
        var other = work.WriteSweep("t.taxo", "", "all [16, 14]");

        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("a")).ExitCode);
        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("a")).ExitCode);
        var refused = Taxo.Run("sweep", "plan", other, "-o", work.Folder("a"));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("holds another plan", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithErrorsOrWithoutASweepPlansNothing()
    {
        using var work = new Workspace(10, 10);
        var broken = work.WriteSweep("s.taxo", "", "all [16, 6]");
        var none = work.Write("n.taxo", Workspace.Setup);

        var errors = Taxo.Run("sweep", "plan", broken, "-o", work.Folder("a"));
        var nothing = Taxo.Run("sweep", "plan", none, "-o", work.Folder("b"));

        Assert.Equal(1, errors.ExitCode);
        Assert.Contains("error TAXO2201", errors.Out, StringComparison.Ordinal);
        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("no sweep", nothing.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.Folder("a")));
        Assert.False(Directory.Exists(work.Folder("b")));
    }

    [Fact]
    public void ACommandOnAFolderWithoutAPlanSaysSo()
    {
        using var work = new Workspace(1, 1);

        var result = Taxo.Run("sweep", "status", work.Folder("nothing"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("holds no sweep plan", result.Error, StringComparison.Ordinal);
    }
}
