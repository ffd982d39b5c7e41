using Harness.Core.Tasks;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Twin.Rig;

/// <summary>
/// The simulated world behind a virtual device: the scene's MuJoCo model (arm, table, objects)
/// advanced in real time by the device's control thread, with gravity compensation as the scene
/// declares it and the scene's task monitor updated every control period of simulated time, as in
/// a simulated episode, so the rig can say how an episode ended. The operator channel resets the
/// objects and asks for the outcome; the camera feed copies the state to render it. Thread-safe:
/// subclasses step it under <see cref="Gate"/>.
/// </summary>
public abstract class RigSimulation : IDisposable
{
    private const double Gravity = 9.81;

    /// <summary>After a stall of the control thread, at most this much simulated time is caught up (the rest is lost).</summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromMilliseconds(50);

    protected readonly Lock Gate = new();
    private readonly int _substepsPerControl;
    private double _pending;
    private long _substeps;
    private int _controlStep;
    private bool _done;

    protected RigSimulation(SceneDefinition scene)
    {
        Scene = scene;
        Model = MjModel.LoadXml(scene.MjcfPath);
        Data = new MjData(Model);
        try
        {
            Parts = scene.Bind(Model);
            _substepsPerControl = scene.Substeps ?? Math.Max(1, (int)Math.Round(1.0 / (scene.ControlHz * Model.Timestep)));
            // Power on: the arm as the scene poses it (home), objects as the first layout has them.
            Parts.Joints.SetPose(Data, scene.HomePose.ToArray());
            Parts.Layout.Apply(Data, 0);
            Parts.Task.Reset(Data, 0);
            var f = Data.XfrcApplied;
            foreach (var b in Parts.GravityCompensated) f[6 * b + 2] = Model.BodyMass(b) * Gravity;
            Data.Forward();
        }
        catch
        {
            Data.Dispose();
            Model.Dispose();
            throw;
        }
    }

    public SceneDefinition Scene { get; }
    public MjModel Model { get; }
    protected MjData Data { get; }
    protected SceneParts Parts { get; }

    /// <summary>The scene's seeded placement of objects.</summary>
    public InitialLayout Layout => Parts.Layout;

    /// <summary>Simulated time lost to stalls of the control thread (beyond <see cref="MaxCatchUp"/>).</summary>
    public TimeSpan Lost { get; private set; }

    public double SimTime
    {
        get { lock (Gate) return Data.Time; }
    }

    /// <summary>How many physics steps <paramref name="dt"/> of real time is worth now (under <see cref="Gate"/>).</summary>
    protected int StepsFor(TimeSpan dt)
    {
        if (dt > MaxCatchUp)
        {
            Lost += dt - MaxCatchUp;
            dt = MaxCatchUp;
        }
        _pending += dt.TotalSeconds;
        int n = (int)Math.Floor(_pending / Model.Timestep);
        _pending -= n * Model.Timestep;
        return n;
    }

    /// <summary>One physics step; every control period the task monitor sees <paramref name="applied"/> (the action in feature units).</summary>
    protected void StepOnce(double[] applied)
    {
        Data.Step();
        if (++_substeps % _substepsPerControl == 0)
        {
            _controlStep++;
            _done |= Parts.Task.Update(Data, _controlStep, Data.Time, applied);
        }
    }

    /// <summary>Lays out the scene's objects for <paramref name="seed"/> (the arm stays where it is) and restarts the task monitor.</summary>
    public IReadOnlyList<(double X, double Y, double Z, double Yaw)> ResetScene(int seed)
    {
        lock (Gate)
        {
            Parts.Layout.Apply(Data, seed);
            Parts.Task.Reset(Data, seed);
            // Episode time starts at the reset, as in a simulated episode (time_to_pick_s counts from it).
            Data.Time = 0;
            Data.Forward();
            _controlStep = 0;
            _done = false;
            return Parts.Layout.Draw(seed);
        }
    }

    /// <summary>The task monitor's outcome for the episode since the last <see cref="ResetScene"/>.</summary>
    public TaskOutcome Conclude(EpisodeEnd end)
    {
        lock (Gate) return Parts.Task.Conclude(end);
    }

    /// <summary>Control periods of simulated time since the last reset, and whether the monitor said the task was done.</summary>
    public (int Steps, bool Done) Progress
    {
        get { lock (Gate) return (_controlStep, _done); }
    }

    /// <summary>Copies the live state into <paramref name="target"/> (a data of <see cref="Model"/>), e.g. to render it.</summary>
    public void CopyStateTo(MjData target)
    {
        lock (Gate) target.CopyFrom(Data);
    }

    public void Dispose()
    {
        lock (Gate)
        {
            Data.Dispose();
            Model.Dispose();
        }
        GC.SuppressFinalize(this);
    }
}
