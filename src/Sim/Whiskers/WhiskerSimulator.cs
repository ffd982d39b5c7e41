using System.Diagnostics;
using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Core.Whiskers;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Whiskers;

/// <summary>
/// Whiskers as an episode observer. Every chunk is forward-simulated open-loop from the state it
/// was predicted from, on a scratch mjData (mj_copyData of the live state, or the captured
/// snapshot), through the environment's own control path (<see cref="MujocoEnv.SimulateOpenLoop"/>),
/// recording every gripper's tool site after every action (one path per gripper: a bimanual kit has
/// two); at every step it records where the tools actually went. It never writes the live state, so an episode with whiskers is step-for-step the episode
/// without them. With <see cref="WhiskerOptions.ReuseExecutedRows"/> (default) predictions are
/// completed when their execution ends, simulating only rows that were not executed as predicted.
/// Tool positions are MuJoCo's site_xpos right after mj_step, for the real and the predicted
/// path alike, so the two are directly comparable. Per episode it hands over chunk consistency,
/// the action jump at chunk boundaries and sample spread as episodes.csv columns.
/// </summary>
public sealed class WhiskerSimulator : IEpisodeMetricsObserver, IDisposable
{
    private readonly WhiskerOptions _options;
    private readonly IStochasticPolicy? _sampler;
    private readonly string _policyName;
    private readonly List<Point3[]> _toolPath = [];
    private readonly List<PendingQuery> _queries = [];
    private readonly List<EnvSnapshot> _snapshots = [];
    private readonly Stopwatch _forwardClock = new();
    private MujocoEnv? _env;
    private MjData? _scratch;
    private GraspDetector[] _grasps = [];
    private int[] _sites = [];
    private Scenes.GripperDescription[] _grippers = [];
    private Observation? _lastObservation;
    private string? _samplingError;
    private int _episode, _seed;
    private WhiskerTrace? _trace;
    private IReadOnlyDictionary<string, double?>? _pendingColumns;

    /// <param name="policy">The policy being evaluated: names the trace and, with
    /// <see cref="WhiskerOptions.Samples"/> &gt; 1, draws the extra chunks (it must be an
    /// <see cref="IStochasticPolicy"/> then).</param>
    public WhiskerSimulator(WhiskerOptions? options = null, IPolicy? policy = null)
    {
        _options = options ?? new WhiskerOptions();
        _options.Validate();
        _policyName = policy?.Name ?? "unknown";
        if (_options.Samples > 1)
        {
            _sampler = policy as IStochasticPolicy ?? throw new DeterministicPolicyException(_policyName, _options.Samples);
        }
    }

    public WhiskerOptions Options => _options;

    /// <summary>The trace of the last finished episode.</summary>
    public WhiskerTrace Trace => _trace ?? throw new InvalidOperationException("no episode has finished yet; run one with this observer attached.");

    /// <summary>Physical state after k steps (index k), when <see cref="WhiskerOptions.RecordSnapshots"/> is on.</summary>
    public IReadOnlyList<EnvSnapshot> Snapshots => _snapshots;

    /// <summary>Time spent forward-simulating chunks (including samples) since construction.</summary>
    public TimeSpan ForwardSimulationTime => _forwardClock.Elapsed;

    public IReadOnlyList<string> Columns => WhiskerSummary.Columns;

    public void OnEpisodeStart(IRobotEnv env, int episode, int seed, Observation first)
    {
        var sim = env as MujocoEnv ?? throw new InvalidOperationException(
            $"whiskers forward-simulate chunks and need a simulated environment (MujocoEnv); got {env.GetType().Name}. Whiskers are not available on hardware.");
        if (!ReferenceEquals(sim, _env))
        {
            _scratch?.Dispose();
            _env = sim;
            _scratch = new MjData(sim.Model);
            // One path per gripper (a bimanual kit has two), unless the options name one.
            _grippers = _options.Gripper is { } one ? [one]
                : sim.Scene.Grippers.Count > 0 ? sim.Scene.Grippers.ToArray() : [sim.Scene.PrimaryGripper];
            _sites = _grippers.Select(g => sim.Model.RequireId(MjObject.Site, g.ToolSite)).ToArray();
            _grasps = _grippers.Select(g => new GraspDetector(sim.Model, g.FixedJaw, g.MovingJaw)).ToArray();
        }
        _episode = episode;
        _seed = seed;
        _toolPath.Clear();
        _queries.Clear();
        _snapshots.Clear();
        foreach (var g in _grasps) g.Reset();
        _trace = null;
        _samplingError = null;
        _lastObservation = first;
        _toolPath.Add(Tool(sim.Data));
        if (_options.RecordSnapshots) _snapshots.Add(PhysicsState.Capture(sim.Data));
    }

    public void OnChunk(IRobotEnv env, ChunkRecord chunk)
    {
        var sim = Require(env);
        _forwardClock.Start();
        try
        {
            // The live state is now exactly where the previous chunk's execution stopped.
            if (_queries.Count > 0) Complete(sim, _queries[^1], liveIsWhereExecutionStopped: true);
            var actions = chunk.Chunk.Actions;
            IReadOnlyList<Point3>[]? predicted = null;
            if (!_options.ReuseExecutedRows)
            {
                _scratch!.CopyFrom(sim.Data);
                predicted = Simulate(sim, actions);
            }
            var samples = new List<IReadOnlyList<Point3>[]>();
            if (_sampler is not null && _samplingError is null)
            {
                try
                {
                    for (int i = 0; i < _options.Samples; i++)
                    {
                        var sample = _sampler.Sample(_lastObservation!, env.TaskText, i).Actions;
                        _scratch!.CopyFrom(sim.Data);
                        samples.Add(Simulate(sim, sample));
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Sampling is the whisker's own extra call: its failure must not end the episode.
                    _samplingError = $"sampling chunks from '{_policyName}' failed at step {chunk.PredictedAtStep}: {ex.Message}; no more samples drawn this episode.";
                    samples.Clear();
                }
            }
            _queries.Add(new PendingQuery(chunk.Index, chunk.PredictedAtStep, Tool(sim.Data), actions, chunk.State ?? PhysicsState.Capture(sim.Data), samples)
            {
                Predicted = predicted,
            });
        }
        finally { _forwardClock.Stop(); }
    }

    public void OnStep(IRobotEnv env, StepRecord step, Observation next)
    {
        var sim = Require(env);
        var tool = Tool(sim.Data);
        _toolPath.Add(tool);
        var q = _queries.FindLast(x => x.Index == step.ChunkIndex);
        if (q is not null)
        {
            // Executed "as predicted" means: rows 0, 1, ... in order, each commanded exactly as predicted.
            if (step.ChunkRow != q.Actual[0].Count || step.ChunkRow >= q.Actions.Count ||
                !step.CommandedAction.AsSpan().SequenceEqual(q.Actions[step.ChunkRow]))
                q.ExecutedAsPredicted = false;
            for (int t = 0; t < tool.Length; t++) q.Actual[t].Add(tool[t]);
            // What was actually commanded (an ensembled average under temporal ensembling) is where the next chunk must continue from.
            q.LastExecuted = step.CommandedAction;
        }
        foreach (var g in _grasps) g.Update(sim.Data, step.Step + 1);
        if (_options.RecordSnapshots) _snapshots.Add(PhysicsState.Capture(sim.Data));
        _lastObservation = next;
    }

    public void OnEpisodeEnd(IRobotEnv env, EpisodeRecord record)
    {
        var sim = Require(env);
        int steps = _toolPath.Count - 1;
        _forwardClock.Start();
        try
        {
            if (_queries.Count > 0) Complete(sim, _queries[^1], liveIsWhereExecutionStopped: record.Error is null);
        }
        finally { _forwardClock.Stop(); }
        var queries = _queries.Select(q => new WhiskerQuery(q.Index, q.Step,
            Enumerable.Range(0, _sites.Length).Select(t => new ToolWhisker(q.Start[t], q.Predicted![t], q.Actual[t].ToArray(),
                q.Samples.Select(sample => sample[t]).ToArray())).ToArray(),
            q.Actions, q.LastExecuted)).ToArray();
        var moments = new List<WhiskerMoment>();
        if (queries.Length > 0)
            moments.Add(new WhiskerMoment(WhiskerMoment.FirstQuery, queries[0].Step, "the first prediction, from the initial state"));
        var notes = new List<string>();
        for (int i = 0; i < _grasps.Length; i++)
        {
            // One gripper keeps the plain names (grasp, release); several are told apart by name (grasp_left, ...).
            var grasp = _grasps[i];
            string suffix = _grasps.Length == 1 ? "" : "_" + _grippers[i].Name, whose = _grasps.Length == 1 ? "" : $" of the {_grippers[i].Name} gripper";
            if (grasp.GraspStep is { } g)
                moments.Add(new WhiskerMoment(WhiskerMoment.Grasp + suffix, g, $"first step at which both jaws{whose} touch the same object"));
            if (grasp.ReleaseStep is { } r)
                moments.Add(new WhiskerMoment(WhiskerMoment.Release + suffix, r, $"first step after the grasp at which neither jaw{whose} touches that object"));
            string who = _grasps.Length == 1 ? "" : $"{_grippers[i].Name} gripper: ";
            if (grasp.Unavailable is { } why) notes.Add(who + why);
            else if (grasp.GraspStep is null) notes.Add(who + "no grasp happened: the jaws never touched the same object together.");
            else if (grasp.ReleaseStep is null) notes.Add(who + "no release happened: the grasped object was still between the jaws at the end.");
        }
        moments.Sort((a, b) => a.Step.CompareTo(b.Step));
        moments.Add(new WhiskerMoment(WhiskerMoment.End, steps, $"the last state ({record.Outcome.Label})"));

        notes.Add(_sampler is not null
            ? $"{_options.Samples} chunks sampled per query from the stochastic policy '{_policyName}' (sample spread defined)."
            : "no chunk samples drawn (sample spread undefined): run with --samples K on a stochastic policy to measure it.");
        if (_samplingError is not null) notes.Add(_samplingError);
        if (record.Error is not null) notes.Add($"the episode ended with an error: {record.Error}");

        _trace = new WhiskerTrace(sim.Scene.Name, _policyName, _episode, _seed, _grippers.Select(g => g.ToolSite).ToArray(), sim.Spec.ControlHz,
            record.Outcome.Label, Enumerable.Range(0, _sites.Length).Select(t => (IReadOnlyList<Point3>)_toolPath.Select(p => p[t]).ToArray()).ToArray(),
            queries, moments, notes, sim.Spec.Joints);
        _pendingColumns = _trace.Summary().ToColumns();
    }

    public IReadOnlyDictionary<string, double?> TakeMetrics()
    {
        var columns = _pendingColumns ?? throw new InvalidOperationException("whisker metrics are taken once per finished episode.");
        _pendingColumns = null;
        return columns;
    }

    /// <summary>
    /// Fills in a query's prediction once its execution is over. When its rows were executed in
    /// order exactly as predicted, from the very state they were predicted from, the deterministic
    /// simulator makes those rows of the prediction identical to the actual path (checked bit for
    /// bit against full forward simulation in the tests), so only the rows never executed are
    /// simulated, from the live state where execution stopped. Otherwise (temporal ensembling,
    /// re-planned rows, a failed episode) the whole chunk is simulated from the captured state.
    /// </summary>
    private void Complete(MujocoEnv sim, PendingQuery q, bool liveIsWhereExecutionStopped)
    {
        if (q.Predicted is not null) return;
        int executed = q.Actual[0].Count;
        if (q.ExecutedAsPredicted && liveIsWhereExecutionStopped && executed <= q.Actions.Count)
        {
            var rest = executed < q.Actions.Count ? SimulateFromLive(sim, q.Actions.Skip(executed).ToArray()) : null;
            q.Predicted = Enumerable.Range(0, _sites.Length)
                .Select(t => (IReadOnlyList<Point3>)[.. q.Actual[t], .. rest?[t] ?? []]).ToArray();
            return;
        }
        PhysicsState.Restore(_scratch!, q.State);
        q.Predicted = Simulate(sim, q.Actions);
    }

    private IReadOnlyList<Point3>[] SimulateFromLive(MujocoEnv sim, IReadOnlyList<double[]> actions)
    {
        _scratch!.CopyFrom(sim.Data);
        return Simulate(sim, actions);
    }

    /// <summary>Runs actions open-loop from the scratch state, returning each tool's position after each action.</summary>
    private IReadOnlyList<Point3>[] Simulate(MujocoEnv sim, IReadOnlyList<double[]> actions)
    {
        var points = _sites.Select(_ => new Point3[actions.Count]).ToArray();
        var sites = _sites;
        int n = 0;
        try
        {
            sim.SimulateOpenLoop(_scratch!, actions, (t, d) =>
            {
                for (int k = 0; k < sites.Length; k++) points[k][t] = Point3.From(d.SitePos(sites[k]));
                n = t + 1;
            });
        }
        catch (Exception ex) when (ex is ArgumentException or MujocoException)
        {
            // An invalid row (NaN, wrong size) fails the real episode when, and only if, the runner
            // reaches it; the whisker just stops there instead of failing the episode early.
        }
        // A diverging or invalid prediction is drawn up to its last valid row.
        return points.Select(p => (IReadOnlyList<Point3>)(n == p.Length ? p : p[..n])).ToArray();
    }

    private Point3[] Tool(MjData data) => _sites.Select(s => Point3.From(data.SitePos(s))).ToArray();

    private MujocoEnv Require(IRobotEnv env) =>
        ReferenceEquals(env, _env) ? _env! : throw new InvalidOperationException(env is MujocoEnv
            ? "whisker observer used with an environment it was not started on (OnEpisodeStart first)."
            : $"whiskers forward-simulate chunks and need a simulated environment (MujocoEnv); got {env.GetType().Name}. Whiskers are not available on hardware.");

    public void Dispose() => _scratch?.Dispose();

    private sealed class PendingQuery(int index, int step, Point3[] start, IReadOnlyList<double[]> actions, EnvSnapshot state, IReadOnlyList<IReadOnlyList<Point3>[]> samples)
    {
        public int Index => index;
        public int Step => step;
        /// <summary>Per tool.</summary>
        public Point3[] Start => start;
        public IReadOnlyList<double[]> Actions => actions;
        public EnvSnapshot State => state;
        /// <summary>Per sample, per tool.</summary>
        public IReadOnlyList<IReadOnlyList<Point3>[]> Samples => samples;
        /// <summary>Per tool, one point per executed row.</summary>
        public List<Point3>[] Actual { get; } = start.Select(_ => new List<Point3>()).ToArray();
        public bool ExecutedAsPredicted { get; set; } = true;
        public double[]? LastExecuted { get; set; }
        /// <summary>Per tool.</summary>
        public IReadOnlyList<Point3>[]? Predicted { get; set; }
    }
}

/// <summary>--samples K asked of a policy that always returns the same chunk.</summary>
public sealed class DeterministicPolicyException(string policy, int samples) : ArgumentException(
    $"--samples {samples} needs a stochastic policy (one that implements IStochasticPolicy, such as a diffusion or flow-matching policy); " +
    $"'{policy}' is deterministic, so every sample would be the same chunk and the spread would be 0 by construction. Drop --samples or use a stochastic policy.");
