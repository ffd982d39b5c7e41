using System.Diagnostics;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// Runs the controller's 2 ms cycle on its own thread. Controller time advances exactly one cycle per
/// step; when the process falls behind (scheduling, GC) it catches up with back-to-back cycles, so
/// streams keep every timestamp, and it gives up catching up beyond one second (counted in
/// <see cref="SkippedCycles"/>).
/// </summary>
public sealed class ControllerClock : IDisposable
{
    private readonly Action _cycle;
    private readonly bool _precise;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _skipped;

    public ControllerClock(Action cycle, bool precise)
    {
        _cycle = cycle;
        _precise = precise;
        _thread = new Thread(Run) { IsBackground = true, Name = "virtual-ur cycle", Priority = ThreadPriority.Highest };
        _thread.Start();
    }

    public long SkippedCycles => Interlocked.Read(ref _skipped);

    /// <summary>Extra delay added to every cycle (a slow controller); the cycle count still follows real time.</summary>
    public TimeSpan ExtraDelay { get; set; }

    private void Run()
    {
        long period = (long)(UrControllerCore.Dt * Stopwatch.Frequency);
        long next = Stopwatch.GetTimestamp() + period;
        while (!_stop)
        {
            long now = Stopwatch.GetTimestamp();
            long left = next - now;
            if (left > 0)
            {
                double ms = left * 1000.0 / Stopwatch.Frequency;
                if (!_precise || ms > 1.2) { Thread.Sleep(_precise ? 1 : Math.Max(1, (int)ms)); continue; }
                while (Stopwatch.GetTimestamp() < next) Thread.SpinWait(20);
            }
            if (now - next > Stopwatch.Frequency)
            {
                long behind = (now - next) / period;
                Interlocked.Add(ref _skipped, behind);
                next += behind * period;
            }
            _cycle();
            if (ExtraDelay > TimeSpan.Zero) Thread.Sleep(ExtraDelay);
            next += period;
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(2));
    }
}
