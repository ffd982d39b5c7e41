using Harness.Core.Robots;
using Harness.Datasets.Format;
using Harness.Datasets.Writing;

namespace Harness.Datasets.Recording;

/// <summary>
/// The dataset of one evaluation run, shared by its workers: finished episodes arrive in any
/// order and are written in episode order (dataset episode k is the k-th kept run episode), so the
/// dataset is the same whatever the number of workers. Features and units come from the robot spec.
/// </summary>
public sealed class DatasetRecording : IDisposable
{
    private readonly RecordingOptions _options;
    private RobotSpec? _robot;
    private readonly object _gate = new();
    private readonly SortedDictionary<int, RecordedFrames?> _pending = new();
    private int _next;
    private DatasetWriter? _writer;
    private bool _completed;

    public DatasetRecording(RecordingOptions options)
    {
        _options = options;
        string root = Path.GetFullPath(options.Root);
        if (Directory.Exists(root) && !options.Overwrite)
            throw new IOException($"{root} already exists; --record needs a new folder (or --overwrite).");
    }

    public int Kept { get; private set; }
    public string? CompletedRoot { get; private set; }

    /// <summary>Hands over a finished episode of <paramref name="robot"/> (null frames: the episode is not kept).</summary>
    public void Submit(int episode, RecordedFrames? frames, RobotSpec robot)
    {
        lock (_gate)
        {
            _robot ??= robot;
            _pending[episode] = frames;
            while (_pending.Remove(_next, out var ready))
            {
                if (ready is not null && (!_options.OnlySuccess || ready.Success)) Write(ready);
                _next++;
            }
        }
    }

    private void Write(RecordedFrames e)
    {
        _writer ??= DatasetWriter.Create(_options.Root, Spec(e), _options.Format, new DatasetWriterOptions(Overwrite: _options.Overwrite));
        _writer.BeginEpisode(e.Task);
        for (int i = 0; i < e.States.Count; i++)
            _writer.AddFrame(new DatasetFrame(
                new Dictionary<string, float[]> { [FeatureNames.State] = e.States[i], [FeatureNames.Action] = e.Actions[i] },
                e.Images[i]));
        _writer.EndEpisode();
        Kept++;
    }

    private DatasetSpec Spec(RecordedFrames first)
    {
        var robot = _robot!;
        if (Math.Abs(robot.ControlHz - Math.Round(robot.ControlHz)) > 1e-9)
            throw new ArgumentException($"{robot.RobotType} runs at {robot.ControlHz} Hz; LeRobot datasets need an integer fps.");
        var features = new List<FeatureInfo>();
        foreach (var name in new[] { FeatureNames.State, FeatureNames.Action })
        {
            var f = robot.Feature(name) ?? throw new ArgumentException($"{robot.RobotType} has no '{name}' feature to record.");
            string? units = f.Units is null ? null : new System.Text.Json.Nodes.JsonObject
            {
                ["units"] = new System.Text.Json.Nodes.JsonArray(f.Units.Select(u => (System.Text.Json.Nodes.JsonNode)u!).ToArray()),
            }.ToJsonString();
            features.Add(DatasetSpec.Vector(name, f.Names ?? robot.Joints.Select(j => j.Key).ToArray()) with { InfoJson = units });
        }
        foreach (var (feature, image) in first.Images.Count > 0 ? first.Images[0] : new Dictionary<string, CameraImage>())
            features.Add(DatasetSpec.Camera(feature, image.Height, image.Width));
        return new DatasetSpec(robot.RobotType, (int)Math.Round(robot.ControlHz), features);
    }

    /// <summary>Writes the metadata and moves the dataset into place; null when no episode was kept.</summary>
    public string? Complete()
    {
        lock (_gate)
        {
            if (_completed) return CompletedRoot;
            _completed = true;
            if (_writer is null) return null;
            CompletedRoot = _writer.Complete();
            return CompletedRoot;
        }
    }

    public void Dispose() => _writer?.Dispose();
}
