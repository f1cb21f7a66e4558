using System.Diagnostics;
using System.Globalization;

namespace TaxoNN.Sweeps;

/// <summary>
/// Runs a sweep's missing points on this machine, each in its own <c>taxo sweep run-point</c> process, at most
/// <c>jobs</c> at a time: a crash of one loses only its point in flight, and each process trains on one core. Each
/// worker's output is appended to <c>logs/INDEX.log</c>. Stopping sends SIGTERM to the workers, which checkpoint.
/// </summary>
public static class LocalSweepRunner
{
    /// <summary>Exit code of a worker that stopped at a signal after writing its checkpoint.</summary>
    public const int StoppedExitCode = 3;

    /// <summary>Runs every point of <paramref name="plan"/> without a result in <paramref name="folder"/>.</summary>
    public static LocalRunSummary Run(SweepFolder folder, SweepPlan plan, int jobs, TaxoCommand taxo, IProgress<SweepProgress>? progress, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(taxo);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        Directory.CreateDirectory(folder.LogsFolder);
        var done = folder.DoneIds();
        var queue = new Queue<PlannedPoint>(plan.Points.Where(p => !done.Contains(p.Id)));
        long finished = plan.Points.Length - queue.Count, failed = 0, stopped = 0;
        var clock = Stopwatch.StartNew();
        var ranNow = 0L;
        progress?.Report(new SweepProgress(finished, 0, plan.Points.Length, 0));
        var running = new List<(Process Process, PlannedPoint Point, StreamWriter Log)>();
        using var stopping = stop.Register(() =>
        {
            lock (running)
            {
                foreach (var (process, _, _) in running)
                {
                    Terminate(process);
                }
            }
        });
        while (queue.Count > 0 || running.Count > 0)
        {
            lock (running)
            {
                while (running.Count < jobs && queue.Count > 0 && !stop.IsCancellationRequested)
                {
                    var point = queue.Dequeue();
                    var (process, log) = Start(folder, taxo, point);
                    running.Add((process, point, log));
                }

                if (stop.IsCancellationRequested)
                {
                    queue.Clear();
                }
            }

            if (running.Count == 0)
            {
                break;
            }

            Task.WaitAny([.. running.Select(r => r.Process.WaitForExitAsync())]);

            lock (running)
            {
                foreach (var (process, point, log) in running.Where(r => r.Process.HasExited).ToList())
                {
                    // Returns once the output streams have ended too, so the log gets nothing after this.
                    process.WaitForExit();
                    var code = process.ExitCode;
                    process.Dispose();
                    log.Dispose();
                    running.RemoveAll(r => r.Point == point);
                    if (code == 0 && folder.IsDone(point.Id))
                    {
                        finished++;
                        ranNow++;
                    }
                    else if (code == StoppedExitCode)
                    {
                        stopped++;
                    }
                    else
                    {
                        failed++;
                    }

                    var seconds = clock.Elapsed.TotalSeconds;
                    progress?.Report(new SweepProgress(finished, failed, plan.Points.Length, seconds > 0 ? ranNow / seconds : 0));
                }
            }
        }

        return new LocalRunSummary(finished, failed, stopped, plan.Points.Length);
    }

    private static (Process Process, StreamWriter Log) Start(SweepFolder folder, TaxoCommand taxo, PlannedPoint point)
    {
        var start = new ProcessStartInfo(taxo.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in taxo.With("sweep", "run-point", folder.Path, "--index", point.Index.ToString(CultureInfo.InvariantCulture)))
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(Path.Combine(folder.LogsFolder, point.Index.ToString(CultureInfo.InvariantCulture) + ".log"), append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.WriteLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        if (!process.Start())
        {
            throw new SweepException($"'{taxo.Program}' did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }

    // SIGTERM, which a worker answers with a checkpoint; .NET's Kill would send SIGKILL.
    private static void Terminate(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            kill?.WaitForExit();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already, or no 'kill' on this system: the worker then runs to the end of its point.
        }
    }
}
