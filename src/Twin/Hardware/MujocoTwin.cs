using Harness.Core.Robots;
using Harness.Core.Whiskers;
using Harness.Robots.Twin;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Twin.Hardware;

/// <summary>
/// A real arm's simulated twin: the scene's MuJoCo model beside the hardware. It gives pre-flight
/// probes from its own seeded reset states (nothing real moves), forward-simulates a predicted
/// chunk from a measured joint state (the arm alone: the objects are where the real ones are not
/// known, so they are moved out of reach), and places the tool for a measured joint state
/// (forward kinematics). Not thread-safe: one episode loop uses it.
/// </summary>
public sealed class MujocoTwin : ISimulatedTwin, IDisposable
{
    /// <summary>How far (m, along x) the scene's loose objects are moved for arm-only predictions.</summary>
    private const double ParkedOffsetM = 100;

    private readonly MujocoEnv _env;
    private readonly MjData _scratch;
    private readonly MjData _base;
    private readonly int _site;

    public MujocoTwin(SceneDefinition scene, MujocoEnvOptions? options = null)
    {
        _env = new MujocoEnv(scene, options);
        try
        {
            _scratch = new MjData(_env.Model);
            _base = new MjData(_env.Model);
            ToolSite = scene.PrimaryGripper.ToolSite;
            _site = _env.Model.RequireId(MjObject.Site, ToolSite);
            _env.Reset(0);
            _base.CopyFrom(_env.Data);
            var q = _base.Qpos;
            foreach (var b in _env.Parts.Layout.Bodies) q[b.QposAdr] += ParkedOffsetM;
            _base.Forward();
        }
        catch
        {
            _env.Dispose();
            throw;
        }
    }

    public SceneDefinition Scene => _env.Scene;
    public RobotSpec Spec => _env.Spec;
    public string ToolSite { get; }

    /// <summary>The underlying simulated environment (for reset guides: camera poses at the start pose).</summary>
    public MujocoEnv Env => _env;

    public IReadOnlyList<Observation> Probe(int seed, int holdSteps, IReadOnlyCollection<string> cameras)
    {
        _env.RequestCameras(cameras);
        var obs = _env.Reset(seed);
        var all = new List<Observation> { obs };
        var hold = obs.State;
        for (int s = 0; s < holdSteps; s++) all.Add(_env.Step(hold).Observation);
        return all;
    }

    /// <summary>The tool site after each action of <paramref name="actions"/>, executed open-loop from <paramref name="state"/> at rest.</summary>
    public IReadOnlyList<Point3> Predict(IReadOnlyList<double> state, IReadOnlyList<double[]> actions)
    {
        Pose(state);
        var points = new List<Point3>(actions.Count);
        try { _env.SimulateOpenLoop(_scratch, actions, (_, d) => points.Add(Point3.From(d.SitePos(_site)))); }
        catch (Exception e) when (e is ArgumentException or MujocoException)
        {
            // An invalid row ends the prediction there (the real loop refuses it when it gets there).
        }
        return points;
    }

    /// <summary>Where the tool is with the arm at <paramref name="state"/> (forward kinematics).</summary>
    public Point3 Tool(IReadOnlyList<double> state)
    {
        Pose(state);
        return Point3.From(_scratch.SitePos(_site));
    }

    /// <summary>
    /// Where the arm comes to rest when driven from the start pose towards <paramref name="target"/>
    /// for <paramref name="seconds"/>: the target itself, or where the model's stops, the table or the
    /// arm itself hold it (e.g. a folded pose a joint's limit does not allow). A rest pose the arm
    /// can actually reach.
    /// </summary>
    public double[] Settle(IReadOnlyList<double> target, double seconds = 3)
    {
        Pose(_env.Scene.HomePose);
        var action = _env.Spec.ClampAction(target);
        int steps = (int)Math.Ceiling(seconds * _env.Spec.ControlHz);
        _env.SimulateOpenLoop(_scratch, Enumerable.Repeat(action, steps).ToArray());
        var state = new double[_env.Spec.Joints.Count];
        _env.Parts.Joints.ReadState(_scratch, state);
        return state;
    }

    private void Pose(IReadOnlyList<double> state)
    {
        _scratch.CopyFrom(_base);
        _env.Parts.Joints.SetPose(_scratch, _env.Spec.ClampAction(state));
        _scratch.Forward();
    }

    public void Dispose()
    {
        _scratch.Dispose();
        _base.Dispose();
        _env.Dispose();
    }
}
