using Harness.Core.Whiskers;

namespace Harness.Sim.Tasks.Handover;

/// <summary>
/// One gripper at one control step: which of its parts touch the cube (the two jaws' finger geoms,
/// any other geom of its arm) and where its tool site is (world frame, metres).
/// </summary>
public readonly record struct GripperFrame(bool FirstJaw, bool SecondJaw, bool OtherArmGeom, Point3 Tool)
{
    /// <summary>Held: both jaws touch the cube.</summary>
    public bool Held => FirstJaw && SecondJaw;

    /// <summary>A finger touches the cube (gym-aloha's "touch" of a gripper).</summary>
    public bool FingerTouch => FirstJaw || SecondJaw;

    /// <summary>Any part of this gripper's arm touches the cube.</summary>
    public bool Touches => FirstJaw || SecondJaw || OtherArmGeom;
}

/// <summary>
/// What the handover monitor needs from the world after one control step: the cube's centre, the
/// giver (picks the cube up) and the receiver (takes it), whether the cube touches the table, and
/// whether the two arms touch each other.
/// </summary>
public readonly record struct HandoverFrame(double Time, Point3 Cube, GripperFrame Giver, GripperFrame Receiver, bool CubeOnTable, bool ArmsTouch);
