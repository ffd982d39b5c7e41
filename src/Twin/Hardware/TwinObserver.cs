using Harness.Core.Episodes;
using Harness.Core.Robots;
using Harness.Core.Whiskers;
using Harness.Core.IO;

namespace Harness.Twin.Hardware;

/// <summary>
/// Whiskers on a real robot: every new prediction (a plan that is not just the previous one
/// continued, so with asynchronous inference each merged chunk) is forward-simulated in the
/// simulated twin from the measured joint state it starts from, and compared with where the real
/// tool went while that prediction was executed (the measured joints through the twin's
/// kinematics). The mean distance over the executed rows (<see cref="TwinComparison.TrackingError"/>)
/// is the twin prediction error: how far the real arm departed from what simulation predicted.
/// Per episode: episodes.csv columns (the error's mean over all executed rows and its worst
/// prediction, plus the usual whisker metrics), a whisker trace in the run folder
/// (<c>whiskers/episode_NNNN.json</c>), and the run's figures in run.json's extra. The simulation
/// runs on a thread of its own, in order, so the control loop never waits for it; the episode's
/// end waits until it has caught up.
/// </summary>
public sealed class TwinObserver(MujocoTwin twin, string policy, string? whiskerDirectory = null, IDictionary<string, object>? runExtra = null)
    : IEpisodeMetricsObserver, IDisposable
{
    public const string ErrorMean = "twin_tracking_error_mean_m";
    public const string ErrorMax = "twin_tracking_error_max_m";
    public const string RunExtraKey = "twin_tracking_error_m";

    private readonly TwinWork _work = new();
    private readonly List<Point3> _toolPath = [];
    private readonly List<Query> _queries = [];
    private readonly List<double> _episodeMeans = [];
    private ChunkRecord? _previous;
    private Observation? _last;
    private int _episode, _seed;
    private IReadOnlyDictionary<string, double?>? _columns;

    public IReadOnlyList<string> Columns => [ErrorMean, ErrorMax, .. WhiskerSummary.Columns];

    /// <summary>The last finished episode's trace.</summary>
    public WhiskerTrace? Trace { get; private set; }

    public void OnEpisodeStart(IRobotEnv env, int episode, int seed, Observation first)
    {
        _toolPath.Clear();
        _queries.Clear();
        _previous = null;
        _last = first;
        _episode = episode;
        _seed = seed;
        var state = first.State;
        _work.Post(() => _toolPath.Add(twin.Tool(state)));
    }

    public void OnChunk(IRobotEnv env, ChunkRecord chunk)
    {
        bool continued = _previous is { } p && Continues(p, chunk);
        _previous = chunk;
        if (continued) return;
        var actions = chunk.Chunk.Actions;
        var state = _last!.State;
        _work.Post(() => _queries.Add(new Query(_queries.Count, chunk.PredictedAtStep, twin.Tool(state), actions, twin.Predict(state, actions))));
    }

    /// <summary>True when <paramref name="next"/> is <paramref name="previous"/>'s plan from a later step (nothing new was predicted).</summary>
    public static bool Continues(ChunkRecord previous, ChunkRecord next)
    {
        int shift = next.PredictedAtStep - previous.PredictedAtStep;
        var a = previous.Chunk.Actions;
        var b = next.Chunk.Actions;
        if (shift < 0) return false;
        if (shift >= a.Count) return b.Count == 1 && b[0].AsSpan().SequenceEqual(a[^1]); // the held last action
        if (b.Count != a.Count - shift) return false;
        for (int i = 0; i < b.Count; i++)
            if (!b[i].AsSpan().SequenceEqual(a[i + shift])) return false;
        return true;
    }

    public void OnStep(IRobotEnv env, StepRecord step, Observation next)
    {
        var state = next.State;
        _work.Post(() =>
        {
            var tool = twin.Tool(state);
            _toolPath.Add(tool);
            if (_queries.Count > 0)
            {
                _queries[^1].Actual.Add(tool);
                _queries[^1].LastExecuted = step.CommandedAction;
            }
        });
        _last = next;
    }

    public void OnEpisodeEnd(IRobotEnv env, EpisodeRecord record)
    {
        var failure = _work.Drain();
        var queries = _queries.Select(q => new WhiskerQuery(q.Index, q.Step, q.Start, q.Predicted, q.Actual.ToArray(), [], q.Actions, q.LastExecuted)).ToArray();
        double sum = 0, worst = double.NaN;
        int rows = 0;
        foreach (var q in queries)
        {
            int n = Math.Min(q.Predicted.Count, q.Actual.Count);
            if (TwinComparison.TrackingError(q.Predicted, q.Actual) is not { } e) continue;
            sum += e * n;
            rows += n;
            worst = double.IsNaN(worst) ? e : Math.Max(worst, e);
        }
        double? mean = rows > 0 ? sum / rows : null;
        var moments = new List<WhiskerMoment>();
        if (queries.Length > 0) moments.Add(new WhiskerMoment(WhiskerMoment.FirstQuery, queries[0].Step, "the first prediction, from the measured initial state"));
        moments.Add(new WhiskerMoment(WhiskerMoment.End, _toolPath.Count - 1, $"the last measured state ({record.Outcome.Label})"));
        var notes = new List<string>
        {
            "real robot: each prediction is forward-simulated in the simulated twin from the measured joint state it started from (arm only: the objects' real poses are unknown); " +
            "the actual path is the measured joints through the twin's kinematics. The twin prediction error is the mean distance between the two over the executed rows.",
        };
        if (record.Error is not null) notes.Add($"the episode ended with an error: {record.Error}");
        if (failure is not null) notes.Add($"the simulated twin failed during the episode ({failure.Message}); its figures cover what it simulated before.");
        Trace = new WhiskerTrace(twin.Scene.Name, policy, _episode, _seed, twin.ToolSite, twin.Spec.ControlHz, record.Outcome.Label,
            _toolPath.ToArray(), queries, moments, notes, twin.Spec.Joints);
        if (whiskerDirectory is not null)
        {
            Directory.CreateDirectory(whiskerDirectory);
            string path = Path.Combine(whiskerDirectory, $"episode_{_episode:D4}.json");
            AtomicFile.Replace(path, temp => WhiskerFiles.WriteTrace(temp, Trace));
        }
        var columns = new Dictionary<string, double?>(Trace.Summary().ToColumns())
        {
            [ErrorMean] = mean,
            [ErrorMax] = double.IsNaN(worst) ? null : worst,
        };
        _columns = columns;
        if (mean is { } m) _episodeMeans.Add(m);
        if (runExtra is not null && _episodeMeans.Count > 0)
            runExtra[RunExtraKey] = new Dictionary<string, double>
            {
                ["mean"] = _episodeMeans.Average(), ["max_episode_mean"] = _episodeMeans.Max(), ["episodes"] = _episodeMeans.Count,
            };
    }

    public IReadOnlyDictionary<string, double?> TakeMetrics()
    {
        var c = _columns ?? throw new InvalidOperationException("twin metrics are taken once per finished episode.");
        _columns = null;
        return c;
    }

    public void Dispose() => _work.Dispose();

    private sealed class Query(int index, int step, Point3 start, IReadOnlyList<double[]> actions, IReadOnlyList<Point3> predicted)
    {
        public int Index => index;
        public int Step => step;
        public Point3 Start => start;
        public IReadOnlyList<double[]> Actions => actions;
        public IReadOnlyList<Point3> Predicted => predicted;
        public List<Point3> Actual { get; } = [];
        public double[]? LastExecuted { get; set; }
    }
}
