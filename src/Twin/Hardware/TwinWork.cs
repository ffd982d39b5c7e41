using System.Collections.Concurrent;

namespace Harness.Twin.Hardware;

/// <summary>
/// Work for the simulated twin done on one background thread, in the order it was posted, so a
/// real-time loop hands it over without waiting. <see cref="Drain"/> waits until all is done and
/// returns the first failure since the last drain (the work after a failure still runs).
/// </summary>
internal sealed class TwinWork : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread _thread;
    private readonly object _gate = new(); // Monitor.Wait needs a monitor, not a Lock
    private int _pending;
    private Exception? _failure;

    public TwinWork()
    {
        // Below the control loop: on a busy machine the loop, not the twin, gets the core.
        _thread = new Thread(Run) { IsBackground = true, Name = "twin", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    public void Post(Action work)
    {
        lock (_gate) _pending++;
        _queue.Add(work);
    }

    public Exception? Drain()
    {
        lock (_gate)
        {
            while (_pending > 0) Monitor.Wait(_gate);
            var f = _failure;
            _failure = null;
            return f;
        }
    }

    private void Run()
    {
        foreach (var work in _queue.GetConsumingEnumerable())
        {
            try { work(); }
            catch (Exception e) { lock (_gate) _failure ??= e; }
            lock (_gate)
            {
                _pending--;
                Monitor.PulseAll(_gate);
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }
}
