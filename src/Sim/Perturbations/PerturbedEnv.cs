using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Perturbations;

/// <summary>The perturbation an episode got: the axis, level, value, a text for readers, and the kind's details.</summary>
public sealed record AppliedPerturbation(string Axis, int Level, double Value, string Text, IReadOnlyDictionary<string, double?> Details);

/// <summary>
/// A simulated environment with one axis perturbed at one level: every episode's value comes from
/// its seed (see <see cref="PerturbationAxis.ValueFor"/>), the model is restored to nominal before
/// every episode (an exact copy taken when the wrapper was built), and an episode whose value is
/// nominal runs exactly as the bare environment would. Wraps the environment instead of adding
/// flags to it, so the episode loop, the task and the policies are unchanged.
/// </summary>
public sealed class PerturbedEnv : IRobotEnv, ISnapshotEnv
{
    private readonly MujocoEnv _env;
    private readonly IBoundPerturbation _bound;
    private readonly MjModel? _nominal;
    private bool _active;
    private int _step;

    public PerturbedEnv(MujocoEnv env, PerturbationAxis axis, int level, int levels)
    {
        PerturbationRange.CheckLevel(level, levels);
        _env = env;
        Axis = axis;
        Level = level;
        Levels = levels;
        _bound = axis.Effect.Bind(env, axis.Range);
        // Taken before any edit: restoring copies every field back, including what mj_setConst derives.
        _nominal = _bound.EditsModel ? env.Model.Clone() : null;
        Applied = new AppliedPerturbation(axis.Name, level, axis.Range.Nominal, axis.Describe(axis.Range.Nominal), NoDetails());
    }

    public MujocoEnv Inner => _env;
    public PerturbationAxis Axis { get; }
    public int Level { get; }
    public int Levels { get; }

    /// <summary>What the current (or last) episode got.</summary>
    public AppliedPerturbation Applied { get; private set; }

    /// <summary>What the perturbation draws in a still right now (a push while it acts), or null.</summary>
    public (double[] From, double[] To)? Marker => _active ? _bound.Marker : null;

    public RobotSpec Spec => _env.Spec;
    public TaskSchema Schema => _env.Schema;
    public string TaskText => _active ? _bound.TaskText(_env.TaskText) : _env.TaskText;
    public void RequestCameras(IReadOnlyCollection<string> cameras) => _env.RequestCameras(cameras);

    public Observation Reset(int seed)
    {
        var draws = PerturbationSeeds.For(seed, Axis.Name);
        double value = Axis.Range.ValueAt(Level, Levels, Axis.Range.EdgeFor(draws));
        if (_nominal is not null) _env.Model.CopyFrom(_nominal);
        _active = value != Axis.Range.Nominal;
        _step = 0;
        if (!_active)
        {
            Applied = new AppliedPerturbation(Axis.Name, Level, value, Axis.Describe(value), NoDetails());
            return _env.Reset(seed);
        }
        _bound.Begin(value, draws);
        var first = _env.Reset(seed, _bound.BeforeSettle);
        _bound.Started(first);
        Applied = new AppliedPerturbation(Axis.Name, Level, value, Axis.Describe(value), _bound.Details);
        return _bound.Observe(first);
    }

    public StepResult Step(IReadOnlyList<double> action)
    {
        if (!_active) return _env.Step(action);
        var reaching = _bound.Action(action);
        _bound.BeforeStep(_env.Data, _step);
        var result = _env.Step(reaching);
        _bound.AfterStep(_env.Data, _step);
        _step++;
        return result with { Observation = _bound.Observe(result.Observation) };
    }

    public TaskOutcome Conclude(EpisodeEnd end) => _env.Conclude(end);

    public EnvSnapshot Capture() => _env.Capture();

    public void Restore(EnvSnapshot snapshot) => _env.Restore(snapshot);

    private Dictionary<string, double?> NoDetails() => Axis.Effect.DetailKeys.ToDictionary(k => k, _ => (double?)null);

    public void Dispose()
    {
        _nominal?.Dispose();
        _env.Dispose();
    }
}
