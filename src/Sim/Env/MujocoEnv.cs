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
    private readonly IJointMap _joints;
    private readonly ISceneTask _task;
    private readonly MujocoEnvOptions _options;
    private readonly double[] _state;
    private readonly HashSet<string> _cameras = [];
    private ICameraRenderer? _renderer;
    private int _step;

    public MujocoEnv(SceneDefinition scene, MujocoEnvOptions? options = null)
    {
        Scene = scene;
        _options = options ?? new MujocoEnvOptions();
        Model = MjModel.LoadXml(SceneFiles.Resolve(scene.MjcfPath));
        Data = new MjData(Model);
        _joints = scene.CreateJoints(Model);
        _task = scene.CreateTask(Model);
        _state = new double[_joints.Joints.Count];
        Substeps = Math.Max(1, (int)Math.Round(1.0 / (scene.ControlHz * Model.Timestep)));

        var missing = scene.CameraNames.Where(c => Model.Id(MjObject.Camera, c) < 0).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"scene '{scene.Name}' declares camera(s) {string.Join(", ", missing)} that its MJCF ({scene.MjcfPath}) does not have; " +
                                        $"the model's cameras are: {string.Join(", ", Model.Names(MjObject.Camera))}.");
        var cameras = scene.CameraNames
            .Select(c => new CameraSpec(c, _options.ImageHeight, _options.ImageWidth, Model.CameraFovY(Model.Id(MjObject.Camera, c)))).ToArray();
        var features = new List<FeatureSpec>(RobotSpec.JointFeatures(_joints.Joints));
        features.AddRange(_task.Features);
        features.AddRange(cameras.Select(RobotSpec.CameraFeature));
        Spec = new RobotSpec(scene.RobotType, _joints.Joints, cameras, scene.ControlHz,
            _options.MaxEpisodeSteps ?? scene.MaxEpisodeSteps, features);
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
    public int CurrentStep => _step;

    public void RequestCameras(IReadOnlyCollection<string> cameras)
    {
        foreach (var c in cameras) RequireCamera(c);
        _cameras.UnionWith(cameras);
    }

    private void RequireCamera(string camera)
    {
        if (Spec.Camera(camera) is null)
            throw new ArgumentException(
                $"scene '{Scene.Name}' has no camera '{camera}'; its cameras are: {string.Join(", ", Spec.Cameras.Select(x => x.Name))}.");
    }

    /// <summary>Renders any camera of the scene at the configured size (creates the GL context on first use).</summary>
    public CameraImage Render(string camera)
    {
        RequireCamera(camera);
        _renderer ??= (_options.RendererFactory ?? throw new InvalidOperationException(
            "this environment was created without a renderer; camera images need one (see --gl).")) (Model, _options.ImageHeight, _options.ImageWidth);
        return _renderer.Render(Data, camera);
    }

    public Observation Reset(int seed)
    {
        Data.Reset();
        _joints.SetPose(Data, Scene.HomePose.ToArray());
        _task.Reset(Data, seed);
        Data.Forward();
        // Let the arm settle under gravity at the home pose so every episode starts at rest.
        Data.Step(Substeps * 3);
        Data.Time = 0;
        Data.Forward();
        _step = 0;
        return Observe();
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
    private double[] Advance(MjData data, IReadOnlyList<double> action)
    {
        var applied = Spec.ClampAction(action);
        _joints.ToControl(applied, data.Ctrl);
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
        _task.AddObservation(Data, vectors);
        var images = new Dictionary<string, CameraImage>();
        foreach (var c in _cameras) images[FeatureNames.Image(c)] = Render(c);
        return new Observation(_step, Data.Time, vectors, images);
    }

    public void Dispose()
    {
        _renderer?.Dispose();
        Data.Dispose();
        Model.Dispose();
    }
}
