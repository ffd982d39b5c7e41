using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Datasets.Format;
using Harness.Datasets.Robots;

namespace Harness.Policies.Replay;

/// <summary>
/// <c>replay:DIR[#EPISODE]</c>: sends a LeRobot dataset's recorded actions in order. Without
/// <c>#EPISODE</c> the k-th episode of a run replays dataset episode k (one worker: episodes are
/// counted by <see cref="Reset"/>); with it, every episode replays that one. The whole rest of the
/// episode is one chunk; past its end the last action is held. Before the first episode
/// <see cref="Check"/> refuses datasets that do not fit the robot (joints, fps, units).
/// </summary>
public sealed class ReplayPolicy : IPolicy
{
    public const string Prefix = "replay:";

    private readonly LeRobotDataset _dataset;
    private readonly int? _fixedEpisode;
    private readonly IReadOnlyDictionary<string, string>? _map;
    private readonly EpisodeFrameReader _reader;
    private int[]? _mapping;
    private int _episode = -1;
    private double[][]? _actions;

    private ReplayPolicy(string spec, LeRobotDataset dataset, int? episode, IReadOnlyDictionary<string, string>? map)
    {
        Name = spec;
        _dataset = dataset;
        _fixedEpisode = episode;
        _map = map;
        _reader = new EpisodeFrameReader(dataset, [FeatureNames.Action]);
        if (episode is { } e) dataset.Episode(e);
    }

    public static ReplayPolicy FromSpec(string spec, IReadOnlyDictionary<string, string>? map = null)
    {
        if (!spec.StartsWith(Prefix, StringComparison.Ordinal) || spec.Length == Prefix.Length)
            throw new ArgumentException($"'{spec}' is not a replay policy; expected replay:DIR or replay:DIR#EPISODE.");
        string rest = spec[Prefix.Length..];
        int? episode = null;
        int hash = rest.LastIndexOf('#');
        if (hash >= 0)
        {
            if (!int.TryParse(rest[(hash + 1)..], out int e) || e < 0)
                throw new ArgumentException($"'{spec}': the episode after '#' must be a number >= 0.");
            episode = e;
            rest = rest[..hash];
        }
        return new ReplayPolicy(spec, DatasetReader.Open(rest), episode, map);
    }

    public string Name { get; }
    public PolicyInputs Inputs => PolicyInputs.StateOnly;
    public ExecutionHint Hint => ExecutionHint.Default;
    public LeRobotDataset Dataset => _dataset;

    public void Check(RobotSpec spec)
    {
        DatasetRobotCheck.CheckRate(_dataset, spec);
        _mapping = DatasetRobotCheck.ActionMapping(_dataset, spec, _map);
        DatasetRobotCheck.CheckUnits(_dataset, spec, _mapping, ActionRanges());
    }

    // Per action element, the smallest and largest value: from meta/stats.json, else from the first episode.
    private IReadOnlyList<(double Min, double Max)> ActionRanges()
    {
        if (_dataset.Stats?[FeatureNames.Action] is { } s)
            return s.Min.Zip(s.Max).Select(p => (p.First, p.Second)).ToArray();
        var first = (Float32Column)_reader.Read(_dataset.Episodes[0].Index).Column(FeatureNames.Action);
        return Enumerable.Range(0, first.Width).Select(i =>
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int r = 0; r < first.Rows; r++) { double v = first.Get(r, i); min = Math.Min(min, v); max = Math.Max(max, v); }
            return (min, max);
        }).ToArray();
    }

    public void Reset()
    {
        _episode = _fixedEpisode ?? _episode + 1;
        _actions = null;
    }

    public ActionChunk Infer(Observation observation, string task)
    {
        if (_episode < 0) throw new InvalidOperationException("Reset must be called before the first Infer.");
        _actions ??= Load(_episode);
        int from = Math.Min(observation.Step, _actions.Length - 1);
        return new ActionChunk(_actions[from..]);
    }

    private double[][] Load(int episode)
    {
        if (episode >= _dataset.Episodes.Count)
            throw new InvalidOperationException($"{_dataset.Root} has {_dataset.Episodes.Count} episode(s); the run asks for episode {episode}. Use --episodes {_dataset.Episodes.Count} or fewer.");
        var column = (Float32Column)_reader.Read(_dataset.Episodes[episode].Index).Column(FeatureNames.Action);
        var mapping = _mapping ?? Enumerable.Range(0, column.Width).ToArray();
        return Enumerable.Range(0, column.Rows).Select(r => mapping.Select(i => (double)column.Get(r, i)).ToArray()).ToArray();
    }

    public void Dispose() { }
}
