using Harness.Core.Whiskers;

namespace Harness.Sim.Tasks.PickPlace;

/// <summary>
/// What the monitor needs from the world after one control step: where the object, the tool and
/// the goal are (world frame, metres), which parts of the gripper touch the object, whether
/// anything else does (the table, the goal, the floor: support), and the applied gripper command
/// as a fraction of its range (0 closed, 1 open; NaN when unknown).
/// </summary>
public readonly record struct PickPlaceFrame(
    double Time,
    Point3 Object,
    Point3 Tool,
    double GoalX, double GoalY,
    bool TouchesFixedJaw, bool TouchesMovingJaw, bool TouchesGripper, bool TouchesSupport,
    double GripperOpening)
{
    /// <summary>Held: both jaws touch the object.</summary>
    public bool Held => TouchesFixedJaw && TouchesMovingJaw;

    public double GoalDistance => Math.Sqrt((Object.X - GoalX) * (Object.X - GoalX) + (Object.Y - GoalY) * (Object.Y - GoalY));
}
