using System.Diagnostics;
using Harness.Core.Statistics;

namespace Harness.Robots.RealTime;

/// <summary>
/// Paces a control loop on the monotonic clock: tick k is due at anchor + k * period. A tick
/// waits (sleep, then a short spin for the last stretch, since sleeps overshoot by up to a
/// millisecond) until it is due. A tick that comes a whole period or more after it was due is a
/// deadline miss; the schedule then restarts from now instead of firing a burst of late ticks.
/// Records each period's deviation from nominal (jitter) until <see cref="TakeTiming"/>.
/// </summary>
public sealed class ControlPacer(double hz)
{
    private static readonly TimeSpan SpinMargin = TimeSpan.FromMilliseconds(1.5);
    private readonly List<double> _jitterMs = [];
    private long _anchor;
    private long _tick;
    private long _lastWake;
    private int _misses;

    public TimeSpan Period { get; } = hz > 0 ? TimeSpan.FromSeconds(1 / hz) : throw new ArgumentOutOfRangeException(nameof(hz), "the control rate must be positive.");

    private long PeriodTicks => (long)(Period.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Starts a new schedule now; the first tick is due one period later.</summary>
    public void Start()
    {
        _anchor = Stopwatch.GetTimestamp();
        _lastWake = _anchor;
        _tick = 0;
    }

    /// <summary>
    /// Starts a new schedule at the next <see cref="WaitForTick"/> (its first tick is due one period
    /// after that call). An episode's schedule begins with its first command: the first chunk is
    /// inferred from the reset state before anything is due, so that inference is not a missed deadline.
    /// </summary>
    public void StartAtNextTick() => _lastWake = 0;

    /// <summary>Waits for the next tick; returns how late it fired (zero or positive).</summary>
    public TimeSpan WaitForTick()
    {
        if (_lastWake == 0) Start();
        _tick++;
        long due = _anchor + _tick * PeriodTicks;
        long now = Stopwatch.GetTimestamp();
        if (now - due >= PeriodTicks)
        {
            _misses++;
            _anchor = now;
            _tick = 0;
            due = now;
        }
        else
        {
            var wait = Stopwatch.GetElapsedTime(now, due);
            if (wait > SpinMargin) Thread.Sleep(wait - SpinMargin);
            while (Stopwatch.GetTimestamp() < due) Thread.SpinWait(20);
        }
        long wake = Stopwatch.GetTimestamp();
        _jitterMs.Add(Math.Abs(Stopwatch.GetElapsedTime(_lastWake, wake).TotalMilliseconds - Period.TotalMilliseconds));
        _lastWake = wake;
        return Stopwatch.GetElapsedTime(due, wake);
    }

    /// <summary>The timing since the last call (or the start), and a fresh record.</summary>
    public LoopTiming TakeTiming()
    {
        var t = _jitterMs.Count == 0 ? LoopTiming.Empty
            : new LoopTiming(_jitterMs.Count, Percentiles.Of(_jitterMs, 50), Percentiles.Of(_jitterMs, 99), _jitterMs.Max(), _misses);
        _jitterMs.Clear();
        _misses = 0;
        return t;
    }
}
