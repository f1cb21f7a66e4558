namespace TaxoNN.Sweeps.Tests;

/// <summary>
/// Local runs: worker processes that write one result per point, a run that is stopped and run again finishing with
/// the same results as one that was not, and a point that stops at a checkpoint and resumes to the same bits.
/// </summary>
public sealed class LocalRunTests
{
    private const string Settings = "  limit 600\n  budget 5 pp";
    private const string Axes = "pe_array [4 x 4, 8 x 8]\nall [16, 12]";

    [Fact]
    public void AStoppedRunThatIsRunAgainEndsWithTheResultsOfAnUninterruptedOne()
    {
        using var work = new Workspace();
        var file = work.WriteSweep("s.taxo", Settings, Axes);
        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("whole")).ExitCode);
        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("stopped")).ExitCode);
        var whole = new SweepFolder(work.Folder("whole"));
        var stopped = new SweepFolder(work.Folder("stopped"));

        var summary = LocalSweepRunner.Run(whole, whole.Read(), 2, Taxo.Command, null, CancellationToken.None);

        // Stop as soon as the first point has its result: the workers in flight get SIGTERM and checkpoint.
        using var stop = new CancellationTokenSource();
        var progress = new Stopper(stop);
        var first = LocalSweepRunner.Run(stopped, stopped.Read(), 2, Taxo.Command, progress, stop.Token);
        var done = stopped.DoneIds().Count;
        var again = LocalSweepRunner.Run(stopped, stopped.Read(), 2, Taxo.Command, null, CancellationToken.None);

        Assert.Equal(new LocalRunSummary(5, 0, 0, 5), summary);
        Assert.True(first.Done < 5, $"the first run was to be stopped early, but finished {first.Done} points.");
        Assert.True(done >= 1);
        Assert.Equal(new LocalRunSummary(5, 0, 0, 5), again);
        Assert.Equal(Results.Deterministic(whole.Path), Results.Deterministic(stopped.Path));
        Assert.Empty(Directory.Exists(stopped.CheckpointsFolder) ? Directory.GetFiles(stopped.CheckpointsFolder, "*.npz") : []);
    }

    [Fact]
    public void APointStoppedAtACheckpointResumesToTheSameBitsAndCountsTheRestart()
    {
        using var work = new Workspace();
        var file = work.WriteSweep("s.taxo", "  limit 600", "all [12]");
        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("a")).ExitCode);
        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("b")).ExitCode);
        var folder = new SweepFolder(work.Folder("b"));

        var straight = Taxo.Run("sweep", "run-point", work.Folder("a"), "--index", "0");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var stopped = Taxo.Run(cancelled.Token, "sweep", "run-point", folder.Path, "--index", "0", "--checkpoint-every", "100");
        var checkpointed = File.Exists(folder.CheckpointFile(folder.Read().Points[0].Id));
        var resumed = Taxo.Run("sweep", "run-point", folder.Path, "--index", "0");
        var skipped = Taxo.Run("sweep", "run-point", folder.Path, "--index", "0");

        Assert.Equal(0, straight.ExitCode);
        Assert.Equal(3, stopped.ExitCode);
        Assert.True(checkpointed);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("resuming after 1 samples", resumed.Error, StringComparison.Ordinal);
        Assert.Contains("done already", skipped.Error, StringComparison.Ordinal);
        Assert.Equal(Results.Deterministic(work.Folder("a")), Results.Deterministic(folder.Path));
        var result = Assert.Single(ResultFile.ReadAll(folder));
        Assert.Equal(1, result.Restarts);
        Assert.Equal(600, result.Samples);
        Assert.Equal(0, ResultFile.ReadAll(new SweepFolder(work.Folder("a")))[0].Restarts);
    }

    [Fact]
    public void ASweepWithoutMisclassificationCostsItsPointsWithoutTraining()
    {
        using var work = new Workspace(1, 1);
        var file = work.WriteSweep("s.taxo", "  metrics [cycles, area]", "pe_array [4 x 4, 8 x 8]");
        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("a")).ExitCode);

        var first = Taxo.Run("sweep", "run-point", work.Folder("a"), "--index", "0");
        var second = Taxo.Run("sweep", "run-point", work.Folder("a"), "--index", "1");
        var results = ResultFile.ReadAll(new SweepFolder(work.Folder("a")));

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.All(results, r => Assert.Null(r.WeightsSha256));
        Assert.All(results, r => Assert.Null(r.Metric("misclassification")));
        Assert.True(results[0].Metric("cycles_per_step") > results[1].Metric("cycles_per_step"), "a 4 x 4 array takes more cycles than an 8 x 8 one.");
        Assert.Equal(results[0].Metric("area")!.Value * 4, results[1].Metric("area")!.Value, 6);
    }

    [Fact]
    public void CollectWritesARowPerResultWithTheBudgetVerdict()
    {
        using var work = new Workspace();
        var file = work.WriteSweep("s.taxo", "  limit 300\n  budget 100 pp", "all [16]");
        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("a")).ExitCode);
        Assert.Equal(0, Taxo.Run("sweep", "run-point", work.Folder("a"), "--index", "0", "--points-per-task", "2").ExitCode);

        var collected = Taxo.Run("sweep", "collect", work.Folder("a"), "-o", Path.Combine(work.Path, "r.csv"));
        var lines = File.ReadAllLines(Path.Combine(work.Path, "r.csv"));
        var header = lines[0].Split(',');

        Assert.Equal(0, collected.ExitCode);
        Assert.Equal(3, lines.Length);
        Assert.Equal(["index", "id", "precision", "all", "status"], header[..5]);
        Assert.Equal("yes", lines[1].Split(',')[Array.IndexOf(header, "within_budget")]);
        Assert.Equal("float32", lines[2].Split(',')[2]);
    }

    [Fact]
    public void RunPointRefusesATaskBeyondThePlan()
    {
        using var work = new Workspace(1, 1);
        var file = work.WriteSweep("s.taxo", string.Empty, "all [16, 12]");
        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("a")).ExitCode);

        var result = Taxo.Run("sweep", "run-point", work.Folder("a"), "--index", "1", "--points-per-task", "2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("there is no task 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void APointRefusesToRunWhenItsFileChangedSincePlanning()
    {
        using var work = new Workspace(1, 1);
        var file = work.WriteSweep("s.taxo", "  limit 1", "all [16, 12]");
        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("a")).ExitCode);
        work.WriteSweep("s.taxo", "  limit 2", "all [16, 12]");

        var result = Taxo.Run("sweep", "run-point", work.Folder("a"), "--index", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("changed since the sweep was planned", result.Error, StringComparison.Ordinal);
        Assert.Empty(ResultFile.ReadAll(new SweepFolder(work.Folder("a"))));
    }

    private sealed class Stopper(CancellationTokenSource stop) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value)
        {
            if (value.Finished >= 1)
            {
                stop.Cancel();
            }
        }
    }
}
