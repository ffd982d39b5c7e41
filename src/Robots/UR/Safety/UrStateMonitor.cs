using System.Diagnostics;
using Harness.Robots.UR.Rtde;

namespace Harness.Robots.UR.Safety;

/// <summary>
/// Checks each state before motion: a stopping safety mode throws its typed error (protective stop,
/// emergency stop), a stale state means the RTDE stream is lost and throws, and a speed slider below
/// 100 % raises one warning per new value (it silently stretches every servoj, so the arm lags the policy).
/// </summary>
public sealed class UrStateMonitor(TimeSpan maxStateAge, string where)
{
    private double? _warnedFraction;

    public event Action<string>? Warning;

    public void Check(UrRobotState state)
    {
        if (state.SafetyMode.StopsMotion()) throw UrSafetyStopException.For(state.SafetyMode, where);
        double age = Stopwatch.GetElapsedTime(state.ReceivedAt).TotalMilliseconds;
        if (age > maxStateAge.TotalMilliseconds)
            throw new RtdeException($"{where}: the newest RTDE state is {age:0} ms old (limit {maxStateAge.TotalMilliseconds:0} ms); " +
                "the controller stopped streaming or is overloaded. Motion is refused until fresh state arrives.");
        if (state.TargetSpeedFraction < 1 && _warnedFraction != state.TargetSpeedFraction)
        {
            _warnedFraction = state.TargetSpeedFraction;
            Warning?.Invoke($"{where}: the teach pendant's speed slider is at {state.TargetSpeedFraction:P0}; every servoj runs that much slower, " +
                "so the arm lags the policy's targets. Set the slider to 100 % for evaluations.");
        }
        else if (state.TargetSpeedFraction >= 1) _warnedFraction = null;
    }
}
