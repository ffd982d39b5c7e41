namespace Harness.Robots.Virtual.Feetech;

/// <summary>
/// A person's hand on the virtual arm: it grabs limp joints (torque off) and moves them at a human
/// speed to the positions an operator action asks for, then keeps holding them. A joint whose
/// torque is switched on is let go (the motor takes over; nobody fights it).
/// </summary>
public sealed class ServoHand
{
    private readonly double?[] _held;
    private readonly double?[] _target;
    private readonly object _gate = new(); // Monitor.Wait/PulseAll need a monitor, not a Lock

    public ServoHand(int servos, double ticksPerSecond)
    {
        if (ticksPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(ticksPerSecond), "the hand must move.");
        _held = new double?[servos];
        _target = new double?[servos];
        TicksPerSecond = ticksPerSecond;
    }

    public double TicksPerSecond { get; }

    /// <summary>True while the hand holds servo <paramref name="index"/>.</summary>
    public bool Holds(int index)
    {
        lock (_gate) return _held[index] is not null;
    }

    /// <summary>
    /// Moves the listed joints together (each at hand speed) and returns once all are there.
    /// Throws when a joint's torque is switched on meanwhile, or when the control loop stalls.
    /// </summary>
    public void MoveTogether(IReadOnlyList<(int Index, double Ticks)> moves, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_gate)
        {
            foreach (var (i, t) in moves) _target[i] = t;
            while (true)
            {
                if (moves.Any(m => _target[m.Index] is null && _held[m.Index] is null))
                    throw new InvalidOperationException(
                        "a joint's torque was switched on while the operator's hand was moving it; the hand let go.");
                if (moves.All(m => _held[m.Index] is double h && h == m.Ticks)) return;
                int left = (int)(deadline - Environment.TickCount64);
                if (left <= 0)
                    throw new TimeoutException(
                        $"the operator's hand did not reach its target within {timeout.TotalSeconds:0.#} s; the virtual bus's control loop is not running.");
                Monitor.Wait(_gate, left);
            }
        }
    }

    public void ReleaseAll()
    {
        lock (_gate)
        {
            Array.Clear(_held);
            Array.Clear(_target);
        }
    }

    /// <summary>
    /// Control-loop side: where the hand holds joint <paramref name="index"/> after <paramref name="dt"/>,
    /// or null when it does not hold it.
    /// </summary>
    internal double? Advance(int index, double actualTicks, bool torqueOn, TimeSpan dt)
    {
        lock (_gate)
        {
            if (torqueOn)
            {
                if (_held[index] is not null || _target[index] is not null)
                {
                    _held[index] = null;
                    _target[index] = null;
                    Monitor.PulseAll(_gate);
                }
                return null;
            }
            if (_target[index] is not double target) return _held[index];
            double at = _held[index] ?? actualTicks;
            double step = TicksPerSecond * dt.TotalSeconds;
            at = Math.Abs(target - at) <= step ? target : at + Math.Sign(target - at) * step;
            _held[index] = at;
            if (at == target) Monitor.PulseAll(_gate);
            return at;
        }
    }
}
