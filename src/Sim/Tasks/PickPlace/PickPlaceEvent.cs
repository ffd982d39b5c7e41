using Harness.Core.Whiskers;

namespace Harness.Sim.Tasks.PickPlace;

public enum PickPlaceEventKind
{
    /// <summary>The gripper touched the object for the first time.</summary>
    FirstContact,
    /// <summary>Both jaws touch the object and did not on the step before (outside a grasp).</summary>
    GraspAcquired,
    /// <summary>The grasp became a pick: lifted and held long enough.</summary>
    PickedUp,
    /// <summary>The grasp ended; dated at the last step both jaws touched the object.</summary>
    GraspLost,
    /// <summary>After a lost pick, the object touched something other than the gripper (or left the table first).</summary>
    Landed,
    /// <summary>The object's centre left the table (outside its extent, below its top); this ends the episode.</summary>
    LeftTable,
}

/// <summary>One event of an episode, with where the object was and a sentence that states it.</summary>
public sealed record PickPlaceEvent(PickPlaceEventKind Kind, int Step, double Time, Point3 Object, string Description);
