namespace Harness.Robots.UR;

/// <summary>RTDE <c>robot_mode</c> (INT32) and the dashboard's "Robotmode: NAME" reply.</summary>
public enum UrRobotMode
{
    NoController = -1,
    Disconnected = 0,
    ConfirmSafety = 1,
    Booting = 2,
    PowerOff = 3,
    PowerOn = 4,
    Idle = 5,
    Backdrive = 6,
    Running = 7,
    UpdatingFirmware = 8,
}
