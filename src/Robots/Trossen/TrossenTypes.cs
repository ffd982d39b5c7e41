namespace Harness.Robots.Trossen;

/// <summary>trossen_arm::Model.</summary>
public enum TrossenModel
{
    WxaiV0 = 0,
    VxaiV0Right = 1,
    VxaiV0Left = 2,
}

/// <summary>trossen_arm::StandardEndEffector (the Stationary kit's followers use <see cref="WxaiV0Follower"/>).</summary>
public enum TrossenEndEffector
{
    WxaiV0Base = 0,
    WxaiV0Leader = 1,
    WxaiV0Follower = 2,
    NoGripper = 3,
}

public enum TrossenErrorKind
{
    /// <summary>The arm, its connection or its controller failed (trossen_arm::RuntimeError): error states live here.</summary>
    Runtime,
    /// <summary>The driver refused the call as made (trossen_arm::LogicError).</summary>
    Usage,
    Other,
}

/// <summary>A call into the Trossen driver failed; the message carries the driver's own text.</summary>
public sealed class TrossenArmException(TrossenErrorKind kind, string message) : Exception(message)
{
    public TrossenErrorKind Kind { get; } = kind;
}

/// <summary>One reading of every joint, gripper last: rad, rad/s, Nm for the arm; m, m/s, N for the gripper.</summary>
public sealed record TrossenJointState(double[] Positions, double[] Velocities, double[] Efforts);

/// <summary>Joint limits as configured on the controller (gripper last).</summary>
public sealed record TrossenJointLimits(double[] PositionMin, double[] PositionMax, double[] VelocityMax);
