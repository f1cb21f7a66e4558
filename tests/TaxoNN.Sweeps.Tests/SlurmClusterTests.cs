using TaxoNN.Sweeps.Slurm;

namespace TaxoNN.Sweeps.Tests;

/// <summary>
/// A sweep run as a job array on a real one-node Slurm cluster: one task gets the warning before its time limit
/// (USR1: it checkpoints and requeues itself), one is requeued by the scheduler, one is cancelled (and resubmitted);
/// every result's figures and final-weights hash equal those of a local run of the same plan, bit for bit.
/// </summary>
public sealed class SlurmClusterTests
{
    [Fact]
    public async Task ASweepSurvivesRequeuesAndACancelOnSlurmWithTheResultsOfALocalRun()
    {
        Assert.True(SlurmCluster.Missing() is null, SlurmCluster.Missing());
        using var work = new Workspace();
        var file = work.WriteSweep("s.taxo", "  limit 15000", "pe_array [4 x 4, 8 x 8]\nall [16, 12]");
        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("cluster")).ExitCode);
        Assert.Equal(0, Taxo.Run("sweep", "plan", file, "-o", work.Folder("local")).ExitCode);
        var folder = new SweepFolder(work.Folder("cluster"));
        var localFolder = new SweepFolder(work.Folder("local"));
        var plan = folder.Read();

        using var cluster = SlurmCluster.Start();
        var previous = Environment.GetEnvironmentVariable("SLURM_CONF");
        Environment.SetEnvironmentVariable("SLURM_CONF", cluster.ConfigFile);
        try
        {
            var local = Task.Run(() => LocalSweepRunner.Run(localFolder, localFolder.Read(), 1, Taxo.Command, null, CancellationToken.None));
            var submit = Taxo.Run("sweep", "submit", folder.Path, "--backend", "slurm", "--max-parallel", "2", "--", "--time=30");
            Assert.True(submit.ExitCode == 0, submit.Error);
            var backend = new SlurmBackend(folder, plan, ProcessSlurmCommands.Instance);
            var job = Assert.Single(backend.Submissions()).JobId;
            string Log(string task) => File.Exists(Path.Combine(folder.SlurmFolder, "logs", $"{job}_{task}.out"))
                ? File.ReadAllText(Path.Combine(folder.SlurmFolder, "logs", $"{job}_{task}.out"))
                : string.Empty;
            bool Queued() => cluster.Run("squeue", "--noheader", "--array", "--jobs=" + job, "--format=%i").Out.Trim().Length > 0;

            SlurmCluster.WaitFor(() => Log("0").Contains("training", StringComparison.Ordinal) && Log("1").Contains("training", StringComparison.Ordinal), 120, "tasks 0 and 1 to train");
            // scancel delivers the signal at once, yet slurmctld answers that the task (an array element) cannot be
            // altered now, so scancel retries every five seconds or more; a retry would signal the requeued task again,
            // perhaps while its runtime is starting and has no handler yet, which kills it. So scancel is stopped
            // once the task has taken the signal.
            using (var warning = cluster.StartCommand("scancel", "--signal=USR1", "--batch", $"{job}_0"))
            {
                SlurmCluster.WaitFor(() => Log("0").Contains("requeued this task", StringComparison.Ordinal), 60, "task 0 to requeue itself");
                warning.Kill();
            }

            Assert.Equal(0, cluster.Run("scontrol", "requeue", $"{job}_1").ExitCode);
            SlurmCluster.WaitFor(() => Log("2").Contains("training", StringComparison.Ordinal), 120, "task 2 to train");
            Assert.Equal(0, cluster.Run("scancel", $"{job}_2").ExitCode);
            SlurmCluster.WaitFor(() => !Queued(), 180, "the job array to leave the queue");

            var partial = Taxo.Run("sweep", "status", folder.Path);
            var resubmit = Taxo.Run("sweep", "resubmit", folder.Path);
            Assert.True(resubmit.ExitCode == 0, resubmit.Error);
            var second = backend.Submissions()[^1];
            SlurmCluster.WaitFor(() => folder.DoneIds().Count == plan.Points.Length, 180, "every point's result");
            var status = Taxo.Run("sweep", "status", folder.Path);
            var summary = await local;

            Assert.True(partial.Out.Contains("3 done, 0 running, 0 queued, 1 missing, of 4", StringComparison.Ordinal),
                $"{partial.Out}{partial.Error}\n{Log("0")}\n{Log("1")}\n{Log("2")}\n{Log("3")}");
            Assert.Equal([2], second.Tasks.ToArray());
            Assert.Contains("4 done, 0 running, 0 queued, 0 missing, of 4", status.Out, StringComparison.Ordinal);
            Assert.Equal(new LocalRunSummary(4, 0, 0, 4), summary);
            Assert.Equal(Results.Deterministic(localFolder.Path), Results.Deterministic(folder.Path));
            var results = ResultFile.ReadAll(folder);
            Assert.Contains("requeued this task", Log("0"), StringComparison.Ordinal);
            Assert.True(results[0].Restarts >= 1, "task 0 resumed from its checkpoint after requeueing itself.");
            Assert.True(results[1].Restarts >= 1, "task 1 resumed from its checkpoint after the scheduler requeued it.");
            Assert.Equal($"{job}_0", results[0].JobId);
            Assert.Equal($"{second.JobId}_2", results[2].JobId);
            Assert.All(ResultFile.ReadAll(localFolder), r => Assert.Equal(0, r.Restarts));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SLURM_CONF", previous);
        }
    }
}
