namespace Harness.Robots.UR;

/// <summary>The controller's safety system has stopped the arm; <see cref="SafetyMode"/> says how.</summary>
public class UrSafetyStopException(UrSafetyMode mode, string message) : Exception(message)
{
    public UrSafetyMode SafetyMode { get; } = mode;

    /// <summary>The typed error for a safety mode that stops motion (protective stop, e-stop, others).</summary>
    public static UrSafetyStopException For(UrSafetyMode mode, string where) => mode switch
    {
        UrSafetyMode.ProtectiveStop => new UrProtectiveStopException(where),
        _ when mode.IsEmergencyStop() => new UrEmergencyStopException(mode, where),
        _ => new UrSafetyStopException(mode,
            $"{where}: the controller reports safety mode {UrModeNames.ToDashboard(mode)}, in which the arm does not move. " +
            "Resolve it on the teach pendant, then start again."),
    };
}

public sealed class UrProtectiveStopException(string where) : UrSafetyStopException(UrSafetyMode.ProtectiveStop,
    $"{where}: the controller reports a PROTECTIVE STOP and the arm has stopped. Inspect the cause (collision, joint limit, force), " +
    "then release it on the teach pendant or with the dashboard command 'unlock protective stop' (allowed 5 s after the stop), and start again.");

public sealed class UrEmergencyStopException(UrSafetyMode mode, string where) : UrSafetyStopException(mode,
    $"{where}: the controller reports an EMERGENCY STOP ({UrModeNames.ToDashboard(mode)}); arm power is cut. " +
    "Release the emergency-stop button, power the arm on and release the brakes (pendant or dashboard 'power on', 'brake release'), then start again.");

/// <summary>Our servo program is not running on the controller (stopped by the watchdog, a stop, or never started).</summary>
public sealed class UrProgramNotRunningException(string message) : Exception(message);
