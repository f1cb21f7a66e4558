using System.Runtime.InteropServices;

namespace TaxoNN.Cli.IO;

/// <summary>
/// The signals a user or a cluster scheduler sends to stop a run, turned into a cancellation: handling them keeps the
/// process alive until the work reaches a point where it can stop cleanly (a batch boundary and its checkpoint).
/// </summary>
internal static class StopSignals
{
    /// <summary>
    /// Cancels <paramref name="stopping"/> on SIGTERM and SIGINT, and on SIGUSR1 when asked (Slurm's warning before the
    /// time limit), calling <paramref name="onUserSignal"/> first for that one.
    /// </summary>
    public static List<PosixSignalRegistration> Listen(CancellationTokenSource stopping, bool userSignal, Action? onUserSignal = null)
    {
        var registrations = new List<PosixSignalRegistration>();
        void Add(PosixSignal signal, Action? also)
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    also?.Invoke();
                    stopping.Cancel();
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // Windows knows fewer signals; the ones it lacks cannot arrive there either.
            }
        }

        Add(PosixSignal.SIGTERM, null);
        Add(PosixSignal.SIGINT, null);

        // SIGUSR1 has no name in PosixSignal: its number is the platform's.
        if (userSignal && OperatingSystem.IsLinux())
        {
            Add((PosixSignal)10, onUserSignal);
        }
        else if (userSignal && (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
        {
            Add((PosixSignal)30, onUserSignal);
        }

        return registrations;
    }

    /// <summary>Stops listening: the signals act as usual again.</summary>
    public static void Stop(List<PosixSignalRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        registrations.Clear();
    }
}
