using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Sim.Env;

/// <summary>
/// A scene as an <see cref="IRobotEnv"/>: actions in robot units are clamped, converted to
/// actuator controls and held for one control period of physics substeps; observations carry the
/// joint state, the task's privileged features and the requested camera images.
/// </summary>
public sealed class MujocoEnv : IRobotEnv, ISnapshotEnv
{
    private const double Gravity = 9.81;
    private readonly SceneParts _parts;
    private readonly IJointMap _joints;
    private readonly ISceneTask _task;
    private readonly MujocoEnvOptions _options;
    private readonly double[] _state;
    private readonly HashSet<string> _cameras = [];
    private readonly Dictionary<(int H, int W), ICameraRenderer> _renderers = [];
    private readonly int _settleSteps;
    private int _step;

    public MujocoEnv(SceneDefinition scene, MujocoEnvOptions? options = null)
    {
        Scene = scene;
        _options = options ?? new MujocoEnvOptions();
        Model = MjModel.LoadXml(scene.MjcfPath);
        Data = new MjData(Model);
        _parts = scene.Bind(Model);
        _joints = _parts.Joints;
        _task = _parts.Task;
        _state = new double[_joints.Joints.Count];
        Substeps = scene.Substeps ?? Math.Max(1, (int)Math.Round(1.0 / (scene.ControlHz * Model.Timestep)));
        _settleSteps = (int)Math.Round(scene.SettleSeconds * scene.ControlHz);

        var clip = Model.DepthClip;
        var cameras = scene.Cameras.Select(c => new CameraSpec(c.Name,
            _options.ImageHeight ?? c.Height ?? MujocoEnvOptions.DefaultHeight,
            _options.ImageWidth ?? c.Width ?? MujocoEnvOptions.DefaultWidth,
            Model.CameraFovY(Model.RequireId(MjObject.Camera, c.MjcfCamera)), c.Kind,
            c.Kind == CameraKind.Depth
                ? new DepthEncoding(c.DepthUnit ?? Units.Metres, c.DepthChannels ?? 1, c.DepthRangeM?[0] ?? clip.NearM, c.DepthRangeM?[1] ?? clip.FarM)
                : null)).ToArray();
        var features = new List<FeatureSpec>(RobotSpec.JointFeatures(_joints.Joints));
        if (_parts.Privileged.Feature is { } env) features.Add(env);
        features.AddRange(_task.Features);
        features.AddRange(cameras.Select(RobotSpec.CameraFeature));
        Spec = new RobotSpec(scene.RobotType, _joints.Joints, cameras, scene.ControlHz,
            _options.MaxEpisodeSteps ?? scene.MaxEpisodeSteps, features, EndEffector: scene.EndEffector);
    }

    public SceneDefinition Scene { get; }
    public MjModel Model { get; }
    /// <summary>The live simulation state. Observers may read it; only the env writes it.</summary>
    public MjData Data { get; }
    public int Substeps { get; }
    public RobotSpec Spec { get; }
    public string TaskText => _task.TaskText;
    public TaskSchema Schema => _task.Schema;
    public ISceneTask Task => _task;
    public SceneParts Parts => _parts;
    public int CurrentStep => _step;

    public void RequestCameras(IReadOnlyCollection<string> cameras)
    {
        foreach (var c in cameras) RequireCamera(c);
        _cameras.UnionWith(cameras);
    }

    private CameraSpec RequireCamera(string camera) => Spec.Camera(camera)
        ?? throw new ArgumentException(
            $"scene '{Scene.Name}' has no camera '{camera}'; its cameras are: {string.Join(", ", Spec.Cameras.Select(x => x.Name))}.");

    /// <summary>
    /// Renders any camera of the scene at its configured size (creates the GL context on first use):
    /// RGB, or depth in the camera's encoding (float32; metres along the camera axis by default).
    /// </summary>
    public CameraImage Render(string camera)
    {
        var spec = RequireCamera(camera);
        var factory = _options.RendererFactory ?? throw new InvalidOperationException(
            "this environment was created without a renderer; camera images need one (see --gl).");
        if (!_renderers.TryGetValue((spec.Height, spec.Width), out var renderer))
            _renderers[(spec.Height, spec.Width)] = renderer = factory(Model, spec.Height, spec.Width);
        string mjcf = Scene.Camera(camera)!.MjcfCamera;
        return spec.Depth is { } depth ? depth.Encode(renderer.RenderDepth(Data, mjcf)) : renderer.Render(Data, mjcf);
    }

    public Observation Reset(int seed) => Reset(seed, null);

    /// <summary>
    /// <see cref="Reset(int)"/>, with <paramref name="beforeSettle"/> changing the initial state
    /// (arm at home, objects placed, task reset) before the arm settles: how a wrapper perturbs
    /// initial states without a second copy of the reset.
    /// </summary>
    public Observation Reset(int seed, Action<MjData>? beforeSettle)
    {
        Data.Reset();
        _joints.SetPose(Data, Scene.HomePose.ToArray());
        _parts.Layout.Apply(Data, seed);
        _task.Reset(Data, seed);
        beforeSettle?.Invoke(Data);
        ApplyGravityCompensation(Data);
        Data.Forward();
        // Let the arm settle at the home pose so every episode starts at rest.
        if (_settleSteps > 0) Data.Step(Substeps * _settleSteps);
        Data.Time = 0;
        Data.Forward();
        _step = 0;
        return Observe();
    }

    // Servos without gravity compensation in MuJoCo 2.2.2 (no gravcomp attribute) sag; holding each
    // listed body up with m*g keeps the arm where its controller puts it. Reset zeroes the forces.
    private void ApplyGravityCompensation(MjData data)
    {
        var f = data.XfrcApplied;
        foreach (var b in _parts.GravityCompensated) f[6 * b + 2] = Model.BodyMass(b) * Gravity;
    }

    public StepResult Step(IReadOnlyList<double> action)
    {
        var applied = Advance(Data, action);
        if (Data.Diverged)
            throw new MujocoException($"the simulation became numerically unstable at step {_step} (MuJoCo flagged bad accelerations).");
        _step++;
        bool done = _task.Update(Data, _step, Data.Time, applied);
        return new StepResult(Observe(), applied, done);
    }

    /// <summary>
    /// Runs <paramref name="actions"/> open-loop on <paramref name="scratch"/> (a state of this
    /// model, e.g. a copy of <see cref="Data"/>) with exactly the control path of <see cref="Step"/>:
    /// clamp, joint map, <see cref="Substeps"/> physics steps. Calls <paramref name="afterAction"/>
    /// with the row index after each action. Stops early, returning the rows simulated, when the
    /// scratch state diverges. Never touches <see cref="Data"/> or the task monitor.
    /// </summary>
    public int SimulateOpenLoop(MjData scratch, IReadOnlyList<double[]> actions, Action<int, MjData>? afterAction = null)
    {
        if (ReferenceEquals(scratch, Data))
            throw new ArgumentException("open-loop simulation needs a scratch MjData, not the environment's live state.", nameof(scratch));
        if (!ReferenceEquals(scratch.Model, Model))
            throw new ArgumentException("the scratch MjData belongs to another model; create it with new MjData(env.Model).", nameof(scratch));
        for (int t = 0; t < actions.Count; t++)
        {
            Advance(scratch, actions[t]);
            if (scratch.Diverged) return t;
            afterAction?.Invoke(t, scratch);
        }
        return actions.Count;
    }

    // The one control path shared by Step and SimulateOpenLoop, so predictions match execution.
    // Gravity compensation is part of it: a scratch state restored from a snapshot (which holds no
    // applied forces) must hold the arm up like the live one.
    private double[] Advance(MjData data, IReadOnlyList<double> action)
    {
        var applied = Spec.ClampAction(action);
        _joints.ToControl(applied, data.Ctrl);
        ApplyGravityCompensation(data);
        data.Step(Substeps);
        return applied;
    }

    public TaskOutcome Conclude(EpisodeEnd end) => _task.Conclude(end);

    public EnvSnapshot Capture() => PhysicsState.Capture(Data);

    public void Restore(EnvSnapshot snapshot) => PhysicsState.Restore(Data, snapshot);

    private Observation Observe()
    {
        _joints.ReadState(Data, _state);
        var vectors = new Dictionary<string, double[]> { [FeatureNames.State] = (double[])_state.Clone() };
        _parts.Privileged.Add(Data, vectors);
        _task.AddObservation(Data, vectors);
        var images = new Dictionary<string, CameraImage>();
        foreach (var c in _cameras) images[FeatureNames.Image(c)] = Render(c);
        return new Observation(_step, Data.Time, vectors, images);
    }

    public void Dispose()
    {
        foreach (var r in _renderers.Values) r.Dispose();
        Data.Dispose();
        Model.Dispose();
    }
}
