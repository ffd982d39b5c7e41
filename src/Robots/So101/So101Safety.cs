namespace Harness.Robots.So101;

/// <summary>
/// Safety settings of a real SO-101 run. Joint limits come from the robot spec (the simulated
/// twin's); these add what hardware needs on top.
/// </summary>
public sealed record So101Safety
{
    /// <summary>
    /// LeRobot's max_relative_target: the most a target may differ from the measured position, per
    /// joint in the joint's units (one value for all, or six); null: no limit.
    /// </summary>
    public IReadOnlyList<double>? MaxRelativeTarget { get; init; }

    /// <summary>If no action arrives for this long during an episode, every servo is told to hold where it is.</summary>
    public TimeSpan Watchdog { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Speed of the slow moves to the start and rest poses: degrees per second for body joints.</summary>
    public double SlowMoveDegreesPerSecond { get; init; } = 30;

    /// <summary>Speed of the gripper in slow moves, in its 0-100 units per second.</summary>
    public double SlowMoveGripperPerSecond { get; init; } = 40;

    /// <summary>How close (joint units) a slow move must get before the arm counts as arrived.</summary>
    public double ArrivalTolerance { get; init; } = 4;

    /// <summary>How long to wait, after the last slow-move target, for the arm to arrive.</summary>
    public TimeSpan ArrivalTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public static So101Safety Default { get; } = new();

    /// <summary>LeRobot's ensure_safe_goal_position: each target moved at most the limit away from the measured position.</summary>
    public double[] LimitRelative(IReadOnlyList<double> target, IReadOnlyList<double> measured)
    {
        var safe = target.ToArray();
        if (MaxRelativeTarget is not { } max) return safe;
        if (max.Count != 1 && max.Count != target.Count)
            throw new ArgumentException($"max relative target has {max.Count} values; give one, or one per joint ({target.Count}).");
        for (int i = 0; i < safe.Length; i++)
        {
            double m = max.Count == 1 ? max[0] : max[i];
            safe[i] = measured[i] + Math.Clamp(target[i] - measured[i], -m, m);
        }
        return safe;
    }
}
