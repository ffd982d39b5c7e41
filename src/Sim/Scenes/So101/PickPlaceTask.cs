using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Scenes.So101;

/// <summary>
/// "Pick up the block and place it in the bowl": places the block from the seed, publishes the
/// block pose and bowl position as a privileged feature, and feeds the monitor from contacts.
/// </summary>
public sealed class PickPlaceTask : ISceneTask
{
    public const string Text = "Pick up the block and place it in the bowl";

    /// <summary>observation.environment_state layout: block xyz, block quaternion wxyz, bowl xyz.</summary>
    public static readonly string[] EnvironmentStateNames =
        ["block.x", "block.y", "block.z", "block.qw", "block.qx", "block.qy", "block.qz", "bowl.x", "bowl.y", "bowl.z"];

    private readonly int _blockQpos, _blockDof, _blockBody, _bowlBody, _blockGeom;
    private readonly HashSet<int> _fixedJaw, _movingJaw, _gripper;
    private readonly PickPlaceMonitor _monitor = new();

    public PickPlaceTask(MjModel model)
    {
        int free = model.RequireId(MjObject.Joint, "block_free");
        _blockQpos = model.JointQposAdr(free);
        _blockDof = model.JointDofAdr(free);
        _blockBody = model.RequireId(MjObject.Body, "block");
        _bowlBody = model.RequireId(MjObject.Body, "bowl");
        _blockGeom = model.RequireId(MjObject.Geom, "block");
        _fixedJaw = [model.RequireId(MjObject.Geom, "fixed_jaw"), model.RequireId(MjObject.Geom, "fixed_jaw_pad")];
        _movingJaw = [model.RequireId(MjObject.Geom, "moving_jaw"), model.RequireId(MjObject.Geom, "moving_jaw_pad")];
        int gripperBody = model.RequireId(MjObject.Body, "gripper"), jawBody = model.RequireId(MjObject.Body, "moving_jaw");
        _gripper = Enumerable.Range(0, model.NGeom).Where(g => model.GeomBody(g) == gripperBody || model.GeomBody(g) == jawBody).ToHashSet();
        Features = [new FeatureSpec(FeatureNames.EnvironmentState, FeatureDType.Float32, [EnvironmentStateNames.Length], EnvironmentStateNames, Privileged: true)];
    }

    public string TaskText => Text;
    public TaskSchema Schema => PickPlaceSchema.Schema;
    public IReadOnlyList<FeatureSpec> Features { get; }
    public PickPlaceLayout? Layout { get; private set; }

    public void Reset(MjData data, int seed)
    {
        var layout = PickPlaceLayout.FromSeed(seed);
        Layout = layout;
        var q = data.Qpos;
        q[_blockQpos] = layout.BlockX;
        q[_blockQpos + 1] = layout.BlockY;
        q[_blockQpos + 2] = PickPlaceLayout.BlockHalf + 0.0005;
        q[_blockQpos + 3] = Math.Cos(layout.BlockYawRad / 2);
        q[_blockQpos + 4] = 0;
        q[_blockQpos + 5] = 0;
        q[_blockQpos + 6] = Math.Sin(layout.BlockYawRad / 2);
        data.Qvel.Slice(_blockDof, 6).Clear();
        _monitor.Reset(PickPlaceLayout.BlockHalf);
    }

    public void AddObservation(MjData data, IDictionary<string, double[]> vectors)
    {
        var p = data.BodyPos(_blockBody);
        var r = data.BodyQuat(_blockBody);
        var b = data.BodyPos(_bowlBody);
        vectors[FeatureNames.EnvironmentState] = [p[0], p[1], p[2], r[0], r[1], r[2], r[3], b[0], b[1], b[2]];
    }

    public bool Update(MjData data, int step, double time, ReadOnlySpan<double> appliedAction)
    {
        bool fixedJaw = false, movingJaw = false, gripper = false;
        int n = data.ContactCount;
        for (int i = 0; i < n; i++)
        {
            var c = data.Contact(i);
            int other = c.Geom1 == _blockGeom ? c.Geom2 : c.Geom2 == _blockGeom ? c.Geom1 : -1;
            if (other < 0) continue;
            fixedJaw |= _fixedJaw.Contains(other);
            movingJaw |= _movingJaw.Contains(other);
            gripper |= _gripper.Contains(other);
        }
        var p = data.BodyPos(_blockBody);
        var b = data.BodyPos(_bowlBody);
        return _monitor.Update(new PickPlaceFrame(time, p[0], p[1], p[2], fixedJaw, movingJaw, gripper, b[0], b[1]));
    }

    public TaskOutcome Conclude(EpisodeEnd end) => _monitor.Conclude(end);
}
