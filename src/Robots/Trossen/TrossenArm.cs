using Harness.Robots.Trossen.Native;

namespace Harness.Robots.Trossen;

/// <summary>
/// One WidowX AI arm through the vendor's driver (via the shim). Joints start idle (braked) after
/// connecting; <see cref="EnablePositionMode"/> before moving, <see cref="TorqueOff"/> to brake again.
/// Moves are goal-time interpolated by the driver (quintic above 0.2 s, linear above 1 ms, else
/// immediate). Errors carry the driver's text; an arm in an error state refuses every command until
/// <see cref="ClearError"/>.
/// </summary>
public sealed class TrossenArm : IDisposable
{
    private readonly TrossenShimLibrary _shim;
    private readonly TrossenArmHandle _handle;

    private TrossenArm(TrossenShimLibrary shim, TrossenArmHandle handle, string ip)
    {
        _shim = shim;
        _handle = handle;
        Ip = ip;
        JointCount = TrossenNative.NumJoints(shim, handle);
    }

    public string Ip { get; }

    /// <summary>Joints including the gripper (7 on a WidowX AI).</summary>
    public int JointCount { get; }

    /// <summary>
    /// Configures the driver for the arm at <paramref name="ip"/> (the vendor's configure). Throws
    /// <see cref="TrossenUnavailableException"/> with installation steps when the shim is not built.
    /// </summary>
    public static TrossenArm Connect(string ip, TrossenModel model = TrossenModel.WxaiV0,
        TrossenEndEffector endEffector = TrossenEndEffector.WxaiV0Follower, bool clearError = false, double timeoutSeconds = 20)
    {
        var shim = TrossenShimLibrary.Load();
        var handle = TrossenNative.Connect(shim, ip, model, endEffector, clearError, timeoutSeconds);
        try { return new TrossenArm(shim, handle, ip); }
        catch { handle.Dispose(); throw; }
    }

    public string DriverVersion => TrossenNative.Text(_shim, _handle, TrossenNative.TextQuery.DriverVersion);
    public string ControllerVersion => TrossenNative.Text(_shim, _handle, TrossenNative.TextQuery.ControllerVersion);

    /// <summary>The controller's description of its error state ("No error" when there is none).</summary>
    public string ErrorInformation => TrossenNative.Text(_shim, _handle, TrossenNative.TextQuery.ErrorInformation);

    public void EnablePositionMode() => TrossenNative.SetPositionMode(_shim, _handle);

    /// <summary>All joints idle: braked, position commands no longer followed.</summary>
    public void TorqueOff() => TrossenNative.TorqueOff(_shim, _handle);

    public void ClearError() => TrossenNative.ClearError(_shim, _handle);

    public TrossenJointState Read()
    {
        var p = new double[JointCount];
        var v = new double[JointCount];
        var e = new double[JointCount];
        TrossenNative.Read(_shim, _handle, p, v, e);
        return new TrossenJointState(p, v, e);
    }

    public TrossenJointLimits JointLimits()
    {
        var lo = new double[JointCount];
        var hi = new double[JointCount];
        var v = new double[JointCount];
        TrossenNative.JointLimits(_shim, _handle, lo, hi, v);
        return new TrossenJointLimits(lo, hi, v);
    }

    /// <summary>All joints (gripper last) to <paramref name="goal"/>, arriving <paramref name="goalTime"/> seconds from now.</summary>
    public void SetPositions(IReadOnlyList<double> goal, double goalTime, bool blocking)
    {
        if (goal.Count != JointCount)
            throw new ArgumentException($"the arm at {Ip} has {JointCount} joints (gripper last); got {goal.Count} goal values.");
        if (!(goalTime >= 0) || !double.IsFinite(goalTime))
            throw new ArgumentOutOfRangeException(nameof(goalTime), goalTime, "goal time is a non-negative number of seconds.");
        TrossenNative.SetPositions(_shim, _handle, goal.ToArray(), goalTime, blocking);
    }

    /// <summary>The gripper's carriage to <paramref name="positionMeters"/> (0 closed .. 0.04 open on a WidowX AI).</summary>
    public void SetGripper(double positionMeters, double goalTime, bool blocking) =>
        TrossenNative.SetGripper(_shim, _handle, positionMeters, goalTime, blocking);

    public void Dispose() => _handle.Dispose();
}
