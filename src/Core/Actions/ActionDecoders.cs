using Harness.Core.Kinematics;

namespace Harness.Core.Actions;

/// <summary>A chunk turned into absolute joints, with the IK solution of each row (end-effector actions only).</summary>
public sealed record DecodedChunk(double[][] Joints, IReadOnlyList<IkSolution>? Ik = null);

/// <summary>Turns a chunk of one action representation (robot units) into absolute joint targets.</summary>
public interface IActionDecoder
{
    /// <summary>Which action elements are offsets (converted by scale only, never shifted).</summary>
    IReadOnlyList<bool> Relative { get; }

    DecodedChunk Decode(IReadOnlyList<double[]> rows, IReadOnlyList<double> state);
}

/// <summary>
/// Joint actions: absolute, offsets from the measured state at the query (<c>delta</c>), or each
/// row an offset from the previous row's target, the first from the state (<c>step-delta</c>).
/// Elements not marked relative (grippers, unless <c>:all</c>) are absolute in every kind.
/// </summary>
public sealed class JointActionDecoder(IReadOnlyList<bool> relative, bool stepwise) : IActionDecoder
{
    public IReadOnlyList<bool> Relative => relative;

    public DecodedChunk Decode(IReadOnlyList<double[]> rows, IReadOnlyList<double> state)
    {
        var result = new double[rows.Count][];
        for (int t = 0; t < rows.Count; t++)
        {
            IReadOnlyList<double> reference = stepwise && t > 0 ? result[t - 1] : state;
            var row = new double[rows[t].Length];
            for (int i = 0; i < row.Length; i++) row[i] = relative[i] ? reference[i] + rows[t][i] : rows[t][i];
            result[t] = row;
        }
        return new DecodedChunk(result);
    }
}

/// <summary>
/// End-effector actions [x, y, z, o1, o2, o3, gripper] (metres, orientation in the declared
/// convention, radians, robot base frame; no gripper value on an arm without one) turned into
/// joints by the arm's IK: the first row from the measured state, each next row from the previous
/// row's solution, so a chunk is a continuous joint path.
/// </summary>
public sealed class EndEffectorDecoder(IArmKinematics kinematics, OrientationConvention convention, int jointCount) : IActionDecoder
{
    public int Width => kinematics.GripperIndex >= 0 ? 7 : 6;

    public IReadOnlyList<bool> Relative { get; } = new bool[kinematics.GripperIndex >= 0 ? 7 : 6];

    public DecodedChunk Decode(IReadOnlyList<double[]> rows, IReadOnlyList<double> state)
    {
        if (state.Count != jointCount)
            throw new ArgumentException($"the state has {state.Count} values; the robot has {jointCount} joints.");
        var joints = new double[rows.Count][];
        var ik = new IkSolution[rows.Count];
        IReadOnlyList<double> seed = state;
        for (int t = 0; t < rows.Count; t++)
        {
            var r = rows[t];
            var target = new ToolPose(new Vec3(r[0], r[1], r[2]), OrientationConventions.ToRotation(convention, r[3], r[4], r[5]));
            var solution = kinematics.Solve(target, seed);
            var row = (double[])solution.Joints.Clone();
            if (kinematics.GripperIndex >= 0) row[kinematics.GripperIndex] = r[6];
            joints[t] = row;
            ik[t] = solution;
            seed = row;
        }
        return new DecodedChunk(joints, ik);
    }
}
