namespace Harness.Robots.UR;

/// <summary>RTDE <c>safety_mode</c> (INT32) and the dashboard's "Safetystatus: NAME" reply.</summary>
public enum UrSafetyMode
{
    Normal = 1,
    Reduced = 2,
    ProtectiveStop = 3,
    Recovery = 4,
    SafeguardStop = 5,
    SystemEmergencyStop = 6,
    RobotEmergencyStop = 7,
    Violation = 8,
    Fault = 9,
    ValidateJointId = 10,
    Undefined = 11,
    AutomaticModeSafeguardStop = 12,
    SystemThreePositionEnablingStop = 13,
}

public static class UrSafetyModes
{
    /// <summary>The emergency stops (system, robot): power to the arm is cut and must be restored by an operator.</summary>
    public static bool IsEmergencyStop(this UrSafetyMode m) => m is UrSafetyMode.SystemEmergencyStop or UrSafetyMode.RobotEmergencyStop;

    /// <summary>Modes in which the arm will not follow motion commands.</summary>
    public static bool StopsMotion(this UrSafetyMode m) => m is not (UrSafetyMode.Normal or UrSafetyMode.Reduced);
}
