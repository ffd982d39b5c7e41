using Harness.Core.Episodes;
using Harness.Core.Robots;

namespace Harness.Datasets.Recording;

/// <summary>
/// Watches one worker's episodes and hands each finished one to the shared
/// <see cref="DatasetRecording"/>. Frame t pairs the observation before step t with the action
/// sent at step t: the float32 action the runner gives the robot (its own limit clamping is
/// deterministic, so sending the same values again replays the episode exactly). Camera images come from the
/// observations; for a camera the policy does not read, the environment is asked to render it
/// from the next observation on, and <paramref name="render"/> supplies what is missing before that.
/// </summary>
public sealed class EpisodeRecorder(
    DatasetRecording recording,
    IReadOnlyList<string> cameras,
    Func<IRobotEnv, string, CameraImage>? render = null) : IEpisodeObserver
{
    private readonly List<float[]> _states = new();
    private readonly List<float[]> _actions = new();
    private readonly List<IReadOnlyDictionary<string, CameraImage>> _images = new();
    private Observation? _last;
    private string _task = "";

    public void OnEpisodeStart(IRobotEnv env, int episode, int seed, Observation first)
    {
        _states.Clear();
        _actions.Clear();
        _images.Clear();
        _task = env.TaskText;
        if (cameras.Count > 0) env.RequestCameras(cameras);
        _last = first;
    }

    public void OnStep(IRobotEnv env, StepRecord step, Observation next)
    {
        _states.Add(step.State.Select(v => (float)v).ToArray());
        _actions.Add(step.CommandedAction.Select(v => (float)v).ToArray());
        _images.Add(cameras.ToDictionary(FeatureNames.Image, c => Image(env, _last!, c)));
        _last = next;
    }

    private CameraImage Image(IRobotEnv env, Observation obs, string camera)
    {
        if (obs.Images.TryGetValue(FeatureNames.Image(camera), out var img)) return img;
        return render?.Invoke(env, camera)
               ?? throw new InvalidOperationException($"the observation has no image of camera '{camera}' and this environment cannot render one; record cameras the robot delivers.");
    }

    public void OnEpisodeEnd(IRobotEnv env, EpisodeRecord record)
    {
        // An episode that faulted is never training data.
        var frames = record.Outcome.IsError || _states.Count == 0
            ? null
            : new RecordedFrames(record.Episode, record.Outcome.Success, _task, _states.ToArray(), _actions.ToArray(), _images.ToArray());
        recording.Submit(record.Episode, frames, env.Spec);
    }
}
