namespace Harness.Core.Kinematics;

/// <summary>
/// One IK solution: the full joint vector (robot units; elements the arm does not move, such as
/// the gripper, copied from the seed), the pose it reaches, its error, and whether it is within
/// the end effector's tolerance on the components the arm honours. When the target cannot be
/// reached, the joints are the best the solver found: the step runs, and is flagged.
/// </summary>
public sealed record IkSolution(double[] Joints, ToolPose Reached, PoseError Error, bool WithinTolerance, int Iterations);

/// <summary>
/// A robot arm's kinematics on its own model: forward kinematics of the tool frame and damped
/// least-squares inverse kinematics, in the robot base frame, with joints in robot units (the
/// elements of <c>observation.state</c> / <c>action</c>). Simulated robots implement it on the scene's
/// model; a real robot uses the same implementation on its twin model, so sim and hardware turn an
/// end-effector action into the same joints. Not thread safe: one per worker.
/// </summary>
public interface IArmKinematics : IDisposable
{
    EndEffectorSpec EndEffector { get; }

    /// <summary>Index of the gripper element in the joint vector (set from the action's gripper value), or -1.</summary>
    int GripperIndex { get; }

    /// <summary>The tool pose for a joint vector (robot units).</summary>
    ToolPose Forward(IReadOnlyList<double> joints);

    /// <summary>Joints that put the tool at <paramref name="target"/>, iterating from <paramref name="seed"/>.</summary>
    IkSolution Solve(ToolPose target, IReadOnlyList<double> seed);
}
