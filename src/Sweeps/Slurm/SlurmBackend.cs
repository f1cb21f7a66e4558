using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Sweeps.Slurm;

/// <summary>
/// Runs a sweep as Slurm job arrays through Slurm's commands and their text output: submits the tasks whose points
/// lack results (<c>sbatch --parsable</c>), lists the sweep's tasks (<c>squeue</c>), and remembers each submission
/// in <c>slurm/submissions.jsonl</c> so that a resubmission keeps the points per task and counts attempts.
/// </summary>
public sealed class SlurmBackend(SweepFolder folder, SweepPlan plan, ISlurmCommands commands)
{
    private string SubmissionsFile => Path.Combine(folder.SlurmFolder, "submissions.jsonl");

    /// <summary>The submissions so far, oldest first.</summary>
    public ImmutableArray<Submission> Submissions()
    {
        if (!File.Exists(SubmissionsFile))
        {
            return [];
        }

        var list = ImmutableArray.CreateBuilder<Submission>();
        foreach (var line in File.ReadLines(SubmissionsFile).Where(l => l.Trim().Length > 0))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var tasks = TaskRanges.Parse(root.GetProperty("tasks").GetString()!) ?? throw new FormatException("bad task list");
                list.Add(new Submission(root.GetProperty("job_id").GetString()!, [.. tasks], root.GetProperty("points_per_task").GetInt32()));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new SweepException($"'{SubmissionsFile}' has a line that is not a submission ({e.Message}); fix or remove that line.", e);
            }
        }

        return list.ToImmutable();
    }

    /// <summary>The tasks (with <paramref name="pointsPerTask"/> points each) that have a point without a result.</summary>
    public ImmutableArray<int> TasksWithoutResults(int pointsPerTask)
    {
        var done = folder.DoneIds();
        return [.. Enumerable.Range(0, plan.TaskCount(pointsPerTask)).Where(t => plan.PointsOfTask(t, pointsPerTask).Any(p => !done.Contains(p.Id)))];
    }

    /// <summary>Submits the tasks without results, or those of <paramref name="only"/>.</summary>
    public SubmitOutcome Submit(TaxoCommand taxo, SubmitOptions options, IReadOnlyCollection<int>? only)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tasks = (only ?? TasksWithoutResults(options.PointsPerTask)).Order().ToList();
        if (tasks.Count == 0)
        {
            return new SubmitOutcome(null, true, "every point has its result; nothing to submit.");
        }

        Directory.CreateDirectory(Path.Combine(folder.SlurmFolder, "logs"));
        var ranges = TaskRanges.Format(tasks);
        var number = Submissions().Length + 1;
        var script = Path.Combine(folder.SlurmFolder, $"job-{number}.sh");
        AtomicFile.WriteAllBytes(script, Encoding.UTF8.GetBytes(SlurmJobScript.Build(folder, plan, taxo, ranges, options.MaxParallel, options.PointsPerTask, options.SignalSeconds)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var outcome = commands.Run("sbatch", ["--parsable", .. options.ExtraArguments, script]);
        if (outcome.ExitCode != 0)
        {
            return new SubmitOutcome(null, false, $"sbatch failed (exit code {outcome.ExitCode}): {outcome.Error.Trim()}{outcome.Output.Trim()}");
        }

        // --parsable prints "jobid" or "jobid;cluster".
        var jobId = outcome.Output.Trim().Split(';')[0].Trim();
        if (jobId.Length == 0 || !jobId.All(char.IsAsciiDigit))
        {
            return new SubmitOutcome(null, false, $"sbatch printed '{outcome.Output.Trim()}', not a job id.");
        }

        var line = SweepFolder.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("job_id", jobId);
            json.WriteString("tasks", ranges);
            json.WriteNumber("points_per_task", options.PointsPerTask);
            json.WriteString("script", Path.GetFileName(script));
            json.WriteEndObject();
        }, indented: false);
        File.AppendAllText(SubmissionsFile, line + "\n");
        return new SubmitOutcome(jobId, true, string.Create(CultureInfo.InvariantCulture, $"submitted job {jobId}: tasks {ranges} ({tasks.Count} tasks, {options.PointsPerTask} point(s) each)"));
    }

    /// <summary>
    /// Resubmits the tasks that have points without results and are neither queued nor running, except those already
    /// submitted <paramref name="maxAttempts"/> times (listed in <paramref name="givenUp"/>).
    /// </summary>
    public SubmitOutcome Resubmit(TaxoCommand taxo, SubmitOptions options, int maxAttempts, out ImmutableArray<int> givenUp)
    {
        ArgumentNullException.ThrowIfNull(options);
        var submissions = Submissions();
        givenUp = [];
        if (submissions.IsEmpty)
        {
            return new SubmitOutcome(null, false, "the sweep was never submitted; use 'taxo sweep submit'.");
        }

        var pointsPerTask = submissions[0].PointsPerTask;
        var active = Queue(out var problem);
        if (problem is not null)
        {
            return new SubmitOutcome(null, false, problem);
        }

        var jobs = submissions.Select(s => s.JobId).ToHashSet(StringComparer.Ordinal);
        var busy = active.Where(t => jobs.Contains(t.JobId)).Select(t => t.Task).ToHashSet();
        var attempts = submissions.SelectMany(s => s.Tasks).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var missing = TasksWithoutResults(pointsPerTask).Where(t => !busy.Contains(t)).ToList();
        givenUp = [.. missing.Where(t => attempts.GetValueOrDefault(t) >= maxAttempts)];
        var again = missing.Where(t => attempts.GetValueOrDefault(t) < maxAttempts).ToList();
        if (again.Count == 0)
        {
            return missing.Count == 0
                ? new SubmitOutcome(null, true, "no task needs resubmitting: every point has its result or its task is queued or running.")
                : new SubmitOutcome(null, false, $"tasks {TaskRanges.Format(givenUp)} were submitted {maxAttempts} times without finishing; see their logs in {Path.Combine(folder.SlurmFolder, "logs")}.");
        }

        return Submit(taxo, options with { PointsPerTask = pointsPerTask }, again);
    }

    /// <summary>The sweep's array tasks that Slurm lists (by the sweep's job name), or an empty list and a problem.</summary>
    public ImmutableArray<TaskState> Queue(out string? problem)
    {
        problem = null;
        var outcome = commands.Run("squeue", ["--noheader", "--array", "--name=" + SlurmJobScript.JobName(folder, plan), "--format=%i %T"]);
        if (outcome.ExitCode != 0)
        {
            problem = $"squeue failed (exit code {outcome.ExitCode}): {outcome.Error.Trim()}";
            return [];
        }

        return ParseQueue(outcome.Output);
    }

    /// <summary>Lines "JOB_TASK STATE" (or "JOB_[0-3%2] STATE" for a pending range) of squeue's output.</summary>
    public static ImmutableArray<TaskState> ParseQueue(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var states = ImmutableArray.CreateBuilder<TaskState>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var underscore = parts.Length == 2 ? parts[0].IndexOf('_', StringComparison.Ordinal) : -1;
            if (underscore <= 0)
            {
                continue; // a job that is not an array task
            }

            var tasks = TaskRanges.Parse(parts[0][(underscore + 1)..]);
            foreach (var task in tasks ?? [])
            {
                states.Add(new TaskState(parts[0][..underscore], task, parts[1]));
            }
        }

        return states.ToImmutable();
    }

    /// <summary>The points by state: results first, then the tasks squeue lists as running or queued.</summary>
    public SweepStatus Status()
    {
        var done = folder.DoneIds();
        var submissions = Submissions();
        if (submissions.IsEmpty)
        {
            var finished = plan.Points.Count(p => done.Contains(p.Id));
            return new SweepStatus(finished, 0, 0, plan.Points.Length - finished, plan.Points.Length, false, null);
        }

        var pointsPerTask = submissions[0].PointsPerTask;
        var active = Queue(out var problem);
        var jobs = submissions.Select(s => s.JobId).ToHashSet(StringComparer.Ordinal);
        var byTask = active.Where(t => jobs.Contains(t.JobId)).GroupBy(t => t.Task).ToDictionary(g => g.Key, g => g.Any(t => t.State is "RUNNING" or "COMPLETING") ? "RUNNING" : "PENDING");
        long doneCount = 0, running = 0, queued = 0, missing = 0;
        foreach (var point in plan.Points)
        {
            var task = (int)(point.Index / pointsPerTask);
            if (done.Contains(point.Id))
            {
                doneCount++;
            }
            else if (byTask.TryGetValue(task, out var state))
            {
                _ = state == "RUNNING" ? running++ : queued++;
            }
            else
            {
                missing++;
            }
        }

        return new SweepStatus(doneCount, running, queued, missing, plan.Points.Length, true, problem);
    }

    /// <summary>
    /// Asks Slurm to requeue the running task itself (after its checkpoint): Slurm requeues by itself only on
    /// preemption and node failure, not at the time limit's warning. Returns a problem, or null.
    /// </summary>
    public static string? RequeueSelf(ISlurmCommands commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var array = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID");
        var task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        var job = array is not null && task is not null ? $"{array}_{task}" : Environment.GetEnvironmentVariable("SLURM_JOB_ID");
        if (job is null)
        {
            return "not running under Slurm (no SLURM_JOB_ID); nothing to requeue.";
        }

        var outcome = commands.Run("scontrol", ["requeue", job]);
        return outcome.ExitCode == 0 ? null : $"scontrol requeue {job} failed (exit code {outcome.ExitCode}): {outcome.Error.Trim()}";
    }
}
