using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TaxoNN.Sweeps.Tests;

/// <summary>
/// A one-node Slurm cluster started in the foreground for a test, without systemd and without writing in /etc: munged,
/// slurmctld and slurmd as child processes, with a generated slurm.conf, a fresh munge key and their state in a
/// temporary folder (one node at 127.0.0.1 with this machine's CPUs, no accounting). Disposing stops the daemons it
/// started, by their process ids, and deletes the folder.
/// </summary>
internal sealed class SlurmCluster : IDisposable
{
    private static readonly string[] Daemons = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel", "sinfo"];

    private readonly List<Process> processes = [];

    private SlurmCluster(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    public string ConfigFile => Path.Combine(Folder, "slurm.conf");

    /// <summary>The environment that points Slurm's commands at this cluster.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["SLURM_CONF"] = ConfigFile };

    /// <summary>Why the cluster cannot start here, with how to fix it, or null when every program is installed.</summary>
    public static string? Missing()
    {
        var path = (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Concat(["/usr/sbin", "/sbin"]).ToList();
        var absent = Daemons.Where(name => !path.Any(folder => File.Exists(Path.Combine(folder, name)))).ToList();
        return absent.Count == 0
            ? null
            : $"Slurm is not installed here ({string.Join(", ", absent)} missing): install Debian's packages with 'apt-get install slurm-wlm munge' (.ci/run does) and run the tests again.";
    }

    public static SlurmCluster Start()
    {
        var folder = Path.Combine(Path.GetTempPath(), "taxonn-slurm-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var cluster = new SlurmCluster(folder);
        try
        {
            cluster.Launch();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Runs one of Slurm's commands against this cluster.</summary>
    public (int ExitCode, string Out, string Error) Run(string program, params string[] arguments)
    {
        using var process = StartCommand(program, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>Starts one of Slurm's commands against this cluster without waiting for it; its output is discarded.</summary>
    public Process StartCommand(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SLURM_CONF"] = ConfigFile;
        return Process.Start(start)!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails the test after <paramref name="seconds"/>.</summary>
    public static void WaitFor(Func<bool> condition, int seconds, string what)
    {
        // A safety net against a cluster that never does what the test waits for, not a timing assertion.
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds)
            {
                Assert.Fail($"Waited {seconds} s for {what}.");
            }

            Thread.Sleep(200);
        }
    }

    public void Dispose()
    {
        // Jobs first, so that no task outlives the daemons; then the daemons in the reverse order of their start.
        if (processes.Count == 3)
        {
            Run("scancel", "--user=" + System.Environment.UserName);
        }

        foreach (var process in Enumerable.Reverse(processes))
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A daemon may still be closing a log; the folder is in the temporary folder.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Launch()
    {
        var key = Path.Combine(Folder, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(key, UnixFileMode.UserRead);
        }
        foreach (var sub in new[] { "state", "spool", "log" })
        {
            Directory.CreateDirectory(Path.Combine(Folder, sub));
        }

        var socket = Path.Combine(Folder, "munge.socket");
        Daemon("munged", "--foreground", "--force", "--key-file=" + key, "--socket=" + socket, "--pid-file=" + Path.Combine(Folder, "munged.pid"),
            "--log-file=" + Path.Combine(Folder, "log", "munged.log"), "--seed-file=" + Path.Combine(Folder, "munge.seed"));
        WaitFor(() => File.Exists(socket), 20, "munged's socket");

        var user = System.Environment.UserName;
        var config = string.Create(CultureInfo.InvariantCulture, $"""
            ClusterName=taxonntest
            SlurmctldHost=localhost(127.0.0.1)
            SlurmctldPort={FreePort()}
            SlurmdPort={FreePort()}
            SlurmUser={user}
            SlurmdUser={user}
            AuthType=auth/munge
            CredType=cred/munge
            AuthInfo=socket={socket},cred_expire=5
            StateSaveLocation={Path.Combine(Folder, "state")}
            SlurmdSpoolDir={Path.Combine(Folder, "spool")}
            SlurmctldPidFile={Path.Combine(Folder, "slurmctld.pid")}
            SlurmdPidFile={Path.Combine(Folder, "slurmd.pid")}
            SlurmctldLogFile={Path.Combine(Folder, "log", "slurmctld.log")}
            SlurmdLogFile={Path.Combine(Folder, "log", "slurmd.log")}
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core_Memory
            DefMemPerCPU=100
            SchedulerParameters=batch_sched_delay=0
            JobRequeue=1
            KillWait=10
            MinJobAge=600
            ReturnToService=2
            MpiDefault=none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            NodeName=localhost NodeAddr=127.0.0.1 CPUs={System.Environment.ProcessorCount} RealMemory=4000 State=UNKNOWN
            PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP

            """);
        File.WriteAllText(ConfigFile, config);
        Daemon("slurmctld", "-D", "-i", "-f", ConfigFile);
        Daemon("slurmd", "-D", "-f", ConfigFile, "-N", "localhost");
        WaitFor(() => Run("sinfo", "--noheader", "--format=%T").Out.Trim() == "idle", 60, "the node to become idle");
    }

    private void Daemon(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SLURM_CONF"] = ConfigFile;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
    }
}
