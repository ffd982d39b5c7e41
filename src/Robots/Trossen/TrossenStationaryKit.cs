namespace Harness.Robots.Trossen;

/// <summary>
/// The bimanual Trossen AI Stationary kit: two WidowX AI followers, addressed as LeRobot's Trossen
/// plugin does: 14 values, left arm joint_0..joint_5 (rad) and its carriage (m), then the right arm.
/// </summary>
public sealed class TrossenStationaryKit : IDisposable
{
    public const int ValuesPerArm = 7;

    /// <summary>LeRobot's feature names, in order (observation.state and action).</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        .. Enumerable.Range(0, 6).Select(i => $"left_joint_{i}.pos"), "left_left_carriage_joint.pos",
        .. Enumerable.Range(0, 6).Select(i => $"right_joint_{i}.pos"), "right_left_carriage_joint.pos",
    ];

    /// <summary>The plugin's staged pose for each arm: [0, pi/3, pi/6, pi/5, 0, 0] and the carriage at 0.</summary>
    public static IReadOnlyList<double> StagedPose { get; } = [0, Math.PI / 3, Math.PI / 6, Math.PI / 5, 0, 0, 0];

    private TrossenStationaryKit(TrossenArm left, TrossenArm right)
    {
        Left = left;
        Right = right;
    }

    public TrossenArm Left { get; }
    public TrossenArm Right { get; }

    public static TrossenStationaryKit Connect(string leftIp, string rightIp, bool clearError = false, double timeoutSeconds = 20)
    {
        var left = TrossenArm.Connect(leftIp, TrossenModel.WxaiV0, TrossenEndEffector.WxaiV0Follower, clearError, timeoutSeconds);
        try
        {
            var right = TrossenArm.Connect(rightIp, TrossenModel.WxaiV0, TrossenEndEffector.WxaiV0Follower, clearError, timeoutSeconds);
            if (left.JointCount != ValuesPerArm || right.JointCount != ValuesPerArm)
            {
                right.Dispose();
                throw new TrossenArmException(TrossenErrorKind.Usage,
                    $"the Stationary kit needs two arms with a gripper ({ValuesPerArm} joints each); {leftIp} has {left.JointCount}, {rightIp} has {right.JointCount}.");
            }
            return new TrossenStationaryKit(left, right);
        }
        catch { left.Dispose(); throw; }
    }

    /// <summary>The goal time LeRobot's plugin gives each action: multiplier / loop rate (3 / 30 Hz = 0.1 s).</summary>
    public static double ActionGoalTime(double loopRateHz, double minTimeToMoveMultiplier = 3.0) => minTimeToMoveMultiplier / loopRateHz;

    public void EnablePositionMode()
    {
        Left.EnablePositionMode();
        Right.EnablePositionMode();
    }

    public void TorqueOff()
    {
        Left.TorqueOff();
        Right.TorqueOff();
    }

    /// <summary>The 14 positions in <see cref="FeatureNames"/> order.</summary>
    public double[] ReadPositions() => [.. Left.Read().Positions, .. Right.Read().Positions];

    /// <summary>Sends 14 goal positions (non-blocking, as the plugin does for actions).</summary>
    public void SetPositions(IReadOnlyList<double> values, double goalTime, bool blocking = false)
    {
        if (values.Count != 2 * ValuesPerArm)
            throw new ArgumentException($"the Stationary kit takes {2 * ValuesPerArm} values ({string.Join(", ", FeatureNames)}); got {values.Count}.");
        Left.SetPositions(values.Take(ValuesPerArm).ToArray(), goalTime, blocking: false);
        Right.SetPositions(values.Skip(ValuesPerArm).ToArray(), goalTime, blocking);
    }

    public void Dispose()
    {
        Left.Dispose();
        Right.Dispose();
    }
}
