using System.Runtime.InteropServices;

namespace Harness.Cli.Output;

/// <summary>SIGINT and SIGTERM caught (not killing the process) for a command that serves until told to stop.</summary>
public sealed class StopSignals : IDisposable
{
    private readonly ManualResetEventSlim _stop = new();
    private readonly PosixSignalRegistration _sigint, _sigterm;

    public StopSignals()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    private void Stop(PosixSignalContext c)
    {
        c.Cancel = true;
        _stop.Set();
    }

    /// <summary>True once a signal came; otherwise waits up to <paramref name="timeout"/> for one.</summary>
    public bool Wait(TimeSpan timeout) => _stop.Wait(timeout);

    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
        _stop.Dispose();
    }
}
