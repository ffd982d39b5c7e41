namespace Harness.Robots.UR.Gripper;

/// <summary>OBJ: how the last motion ended.</summary>
public enum RobotiqObjectStatus
{
    /// <summary>Fingers are moving towards the requested position.</summary>
    Moving = 0,
    /// <summary>Stopped by contact while opening (an object held from inside).</summary>
    ContactWhileOpening = 1,
    /// <summary>Stopped by contact while closing: an object is gripped.</summary>
    ContactWhileClosing = 2,
    /// <summary>Arrived at the requested position: no object.</summary>
    AtRequestedPosition = 3,
}

/// <summary>One reading of the gripper: position 0 (open) to 255 (closed), the requested position, OBJ, STA and FLT.</summary>
public sealed record RobotiqStatus(int Position, int RequestedPosition, RobotiqObjectStatus Object, int ActivationStatus, int Fault)
{
    /// <summary>STA 3: activation finished.</summary>
    public bool IsActive => ActivationStatus == 3;

    public bool HasObject => Object is RobotiqObjectStatus.ContactWhileClosing or RobotiqObjectStatus.ContactWhileOpening;
}

/// <summary>FLT codes of the 2F-85 (Robotiq 2F-85/2F-140 manual, gripper status register).</summary>
public static class RobotiqFaults
{
    public static string Describe(int code) => code switch
    {
        0x00 => "no fault",
        0x05 => "action delayed: the activation (re-activation) must complete first",
        0x07 => "the activation bit must be set before any action",
        0x08 => "maximum operating temperature exceeded (85 C); let the gripper cool down",
        0x09 => "no communication during at least 1 second",
        0x0A => "under minimum operating voltage",
        0x0B => "automatic release in progress",
        0x0C => "internal processor fault",
        0x0D => "activation fault: check that nothing blocks the fingers and activate again",
        0x0E => "overcurrent triggered",
        0x0F => "automatic release completed",
        _ => $"fault code 0x{code:X2} (see the gripper manual)",
    };

    /// <summary>Major faults (0x0A and above, except the release messages) need a re-activation.</summary>
    public static bool IsMajor(int code) => code is >= 0x0A and not 0x0B and not 0x0F;
}
