using Harness.Core.Whiskers;

namespace Harness.Sim.Tasks.Handover;

public enum HandoverEventKind
{
    /// <summary>Both jaws of a gripper touch the cube and its grasp was not in progress.</summary>
    GraspAcquired,
    /// <summary>A grasp became a pick: the cube held lifted long enough.</summary>
    PickedUp,
    /// <summary>A grasp ended; dated at the last step both jaws touched the cube.</summary>
    GraspLost,
    /// <summary>The first step at which both grippers hold the cube.</summary>
    Handover,
    /// <summary>The first step at which the two arms touch each other.</summary>
    ArmsCollided,
}

/// <summary>One event of a handover episode: which gripper (null for both or neither), where the cube was, and a sentence that states it.</summary>
public sealed record HandoverEvent(HandoverEventKind Kind, string? Gripper, int Step, double Time, Point3 Cube, string Description);
