using TaxoNN.Sweeps.Slurm;

namespace TaxoNN.Sweeps.Tests;

/// <summary>Job scripts, submissions, squeue's text and resubmission ranges, against a scripted Slurm.</summary>
public sealed class SlurmBackendTests
{
    private static readonly TaxoCommand Taxo = new("/opt/taxo it's/taxo", []);

    private static (Workspace Work, SweepFolder Folder, SweepPlan Plan) Planned(string axes = "all [16, 15, 14, 13, 12]")
    {
        var work = new Workspace(1, 1);
        var file = work.WriteSweep("s.taxo", "  limit 10", axes);
        var folder = new SweepFolder(work.Folder("out"));
        var plan = SweepPlanner.Plan(file, null, folder, out _, out _)!;
        folder.Write(plan);
        return (work, folder, plan);
    }

    private static void Finish(SweepFolder folder, PlannedPoint point) =>
        ResultFile.Write(folder.ResultFile(point.Id), new PointResult(point.Id, point.Index, "S", "T", false, point.Parameters, "done", null, [], null, 0, null, "x", 0, "h", null, 0, 0));

    [Fact]
    public void TheJobScriptIsARequeueableArrayThatExecsRunPointAndHearsUsr1()
    {
        var (work, folder, plan) = Planned();
        using var workspace = work;

        var script = SlurmJobScript.Build(folder, plan, Taxo, "0-4", 2, 3, 120);

        var lines = script.Split('\n');
        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Contains("#SBATCH --array=0-4%2", lines);
        Assert.Contains("#SBATCH --requeue", lines);
        Assert.Contains("#SBATCH --open-mode=append", lines);
        Assert.Contains("#SBATCH --signal=B:USR1@120", lines);
        Assert.Contains($"#SBATCH --job-name={SlurmJobScript.JobName(folder, plan)}", lines);
        Assert.Contains($"exec '/opt/taxo it'\\''s/taxo' 'sweep' 'run-point' '{folder.Path}' --index \"$SLURM_ARRAY_TASK_ID\" --points-per-task 3", lines);
    }

    [Fact]
    public void SubmitSendsTheTasksWithoutResultsAndTheExtraArgumentsToSbatch()
    {
        var (work, folder, plan) = Planned();
        using var workspace = work;
        Finish(folder, plan.Points[2]);
        var slurm = new FakeSlurm();
        var backend = new SlurmBackend(folder, plan, slurm);

        var outcome = backend.Submit(Taxo, new SubmitOptions(3, 1, 300, ["--partition=short", "--time=10"]), null);

        Assert.True(outcome.Succeeded);
        Assert.Equal("100", outcome.JobId);
        var (program, arguments) = Assert.Single(slurm.Calls);
        Assert.Equal("sbatch", program);
        Assert.Equal(["--parsable", "--partition=short", "--time=10", Path.Combine(folder.SlurmFolder, "job-1.sh")], arguments);
        Assert.Contains("#SBATCH --array=0-1,3-4%3", File.ReadAllText(arguments[^1]), StringComparison.Ordinal);
        var submission = Assert.Single(backend.Submissions());
        Assert.Equal([0, 1, 3, 4], submission.Tasks.ToArray());
    }

    [Fact]
    public void TasksGroupPointsAndATaskIsDoneOnlyWhenAllItsPointsAre()
    {
        var (work, folder, plan) = Planned();
        using var workspace = work;
        Finish(folder, plan.Points[0]);
        Finish(folder, plan.Points[1]);
        Finish(folder, plan.Points[2]);
        var backend = new SlurmBackend(folder, plan, new FakeSlurm());

        Assert.Equal(3, plan.TaskCount(2));
        Assert.Equal([1, 2], backend.TasksWithoutResults(2).ToArray());
        Assert.Equal([3, 4], backend.TasksWithoutResults(1).ToArray());
        Assert.Equal([plan.Points[4]], plan.PointsOfTask(2, 2));
    }

    [Fact]
    public void SqueueLinesBecomeTaskStates()
    {
        var states = SlurmBackend.ParseQueue("12_3 RUNNING\n12_[4-6%2] PENDING\n13 RUNNING\n\n");

        Assert.Equal(
            [new TaskState("12", 3, "RUNNING"), new TaskState("12", 4, "PENDING"), new TaskState("12", 5, "PENDING"), new TaskState("12", 6, "PENDING")],
            states.ToArray());
    }

    [Fact]
    public void StatusCombinesResultsWithTheQueue()
    {
        var (work, folder, plan) = Planned();
        using var workspace = work;
        var slurm = new FakeSlurm();
        var backend = new SlurmBackend(folder, plan, slurm);
        backend.Submit(Taxo, new SubmitOptions(null, 1, 300, []), null);
        Finish(folder, plan.Points[0]);
        slurm.Queue = "100_1 RUNNING\n100_2 PENDING\n999_3 RUNNING\n";

        var status = backend.Status();

        Assert.Equal(new SweepStatus(1, 1, 1, 2, 5, true, null), status);
        Assert.Contains(slurm.Calls, c => c.Program == "squeue" && c.Arguments.Contains("--name=" + SlurmJobScript.JobName(folder, plan)));
    }

    [Fact]
    public void ResubmitSendsOnlyMissingTasksThatAreNotQueuedAndStopsAtTheAttemptCap()
    {
        var (work, folder, plan) = Planned();
        using var workspace = work;
        var slurm = new FakeSlurm();
        var backend = new SlurmBackend(folder, plan, slurm);
        backend.Submit(Taxo, new SubmitOptions(null, 1, 300, []), null);
        Finish(folder, plan.Points[0]);
        Finish(folder, plan.Points[3]);
        slurm.Queue = "100_1 RUNNING\n";

        var second = backend.Resubmit(Taxo, new SubmitOptions(null, 1, 300, []), 2, out var givenUp);
        slurm.Queue = string.Empty;
        var third = backend.Resubmit(Taxo, new SubmitOptions(null, 1, 300, []), 2, out var givenUpThird);

        Assert.Equal("101", second.JobId);
        Assert.Empty(givenUp);
        Assert.Equal([2, 4], backend.Submissions()[1].Tasks.ToArray());
        Assert.Equal("102", third.JobId);
        Assert.Equal([1], backend.Submissions()[2].Tasks.ToArray());
        Assert.Equal([2, 4], givenUpThird.ToArray());
        Assert.Equal(3, backend.Submissions().Length);
    }

    [Fact]
    public void ResubmitKeepsThePointsPerTaskOfTheFirstSubmission()
    {
        var (work, folder, plan) = Planned();
        using var workspace = work;
        var slurm = new FakeSlurm();
        var backend = new SlurmBackend(folder, plan, slurm);
        backend.Submit(Taxo, new SubmitOptions(null, 2, 300, []), null);
        Finish(folder, plan.Points[0]);
        Finish(folder, plan.Points[1]);

        var outcome = backend.Resubmit(Taxo, new SubmitOptions(null, 1, 300, []), 3, out _);

        Assert.True(outcome.Succeeded);
        Assert.Equal([1, 2], backend.Submissions()[1].Tasks.ToArray());
        Assert.Equal(2, backend.Submissions()[1].PointsPerTask);
        Assert.Contains("--points-per-task 2", File.ReadAllText(Path.Combine(folder.SlurmFolder, "job-2.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public void AFailingSbatchIsReportedAndRecordsNothing()
    {
        var (work, folder, plan) = Planned();
        using var workspace = work;
        var backend = new SlurmBackend(folder, plan, new FailingSlurm());

        var outcome = backend.Submit(Taxo, new SubmitOptions(null, 1, 300, []), null);

        Assert.False(outcome.Succeeded);
        Assert.Contains("sbatch failed (exit code 1): invalid partition", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(backend.Submissions());
    }

    private sealed class FailingSlurm : ISlurmCommands
    {
        public CommandOutcome Run(string program, IReadOnlyList<string> arguments) => new(1, string.Empty, "invalid partition\n");
    }
}
