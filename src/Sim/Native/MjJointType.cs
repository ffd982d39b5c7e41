namespace Harness.Sim.Native;

/// <summary>MuJoCo's joint types (mjtJoint), in its numbering.</summary>
public enum MjJointType
{
    Free = 0,
    Ball = 1,
    Slide = 2,
    Hinge = 3,
}
