using Harness.Core.Robots;
using Harness.Policies.Remote.Msgpack;

namespace Harness.Policies.Remote.Layouts;

/// <summary>
/// Our own feature names verbatim: every vector of the observation (privileged ones included) as
/// <c>&lt;f8</c> so nothing is lost, every image as uint8 HWC at its own size, <c>prompt</c>, and
/// <c>harness/step</c>, <c>harness/time</c>, <c>harness/episode_start</c>. Round-trips exactly.
/// </summary>
public sealed class LeRobotLayout(IReadOnlyList<string>? cameras = null) : IObservationLayout
{
    public const string StepKey = "harness/step";
    public const string TimeKey = "harness/time";
    public const string PromptKey = "prompt";

    public string Name => "lerobot";
    public bool SendsEpisodeStart => true;
    public bool SendsPrompt => true;

    /// <summary>Cameras to ask the environment for (images it provides anyway are sent too).</summary>
    public IReadOnlyList<string> Cameras { get; } = cameras ?? [];

    public IReadOnlyList<string> Features => [FeatureNames.State, .. Cameras.Select(FeatureNames.Image)];

    public void Check(RobotSpec robot)
    {
        var missing = Cameras.Where(c => robot.Camera(c) is null).ToList();
        if (missing.Count > 0)
            throw new ArgumentException(
                $"layout 'lerobot' was asked for camera(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; {robot.RobotType} has " +
                $"{(robot.Cameras.Count == 0 ? "no cameras" : string.Join(", ", robot.Cameras.Select(c => $"'{c.Name}'")))}. Ask for cameras the robot has.");
    }

    public IReadOnlyDictionary<string, object?> Encode(Observation observation, string task, bool episodeStart)
    {
        var request = new Dictionary<string, object?>();
        foreach (var (name, values) in observation.Vectors) request[name] = NdArray.FromDoubles(values, values.Length);
        foreach (var (name, image) in observation.Images) request[name] = ImageTensors.ToArray(image, ImageAxes.HWC);
        request[PromptKey] = task;
        request[StepKey] = (long)observation.Step;
        request[TimeKey] = observation.Time;
        if (episodeStart) request[IObservationLayout.EpisodeStartKey] = true;
        return request;
    }

    public DecodedObservation Decode(MsgpackMap request)
    {
        var vectors = new Dictionary<string, double[]>();
        var images = new Dictionary<string, CameraImage>();
        foreach (var (key, value) in request.Entries)
        {
            string? name = RequestFields.KeyText(key);
            if (name is null || !name.StartsWith("observation.", StringComparison.Ordinal)) continue;
            if (FeatureNames.IsImage(name)) images[name] = RequestFields.Image(value, name, ImageAxes.HWC);
            else vectors[name] = RequestFields.Vector(value, name);
        }
        if (!vectors.ContainsKey(FeatureNames.State))
            throw new OpenPiProtocolException(
                $"request has no '{FeatureNames.State}' (layout 'lerobot' expects our feature names); it has keys " +
                $"{string.Join(", ", request.KeyNames)}. If the client speaks an openpi example layout, start the server with --layout aloha|droid|libero or a mapping file.");
        int step = (int)(RequestFields.OptionalNumber(request, StepKey) ?? 0);
        double time = RequestFields.OptionalNumber(request, TimeKey) ?? 0;
        string task = RequestFields.OptionalString(request, PromptKey) ?? "";
        return new DecodedObservation(new Observation(step, time, vectors, images), task,
            RequestFields.Flag(request, IObservationLayout.EpisodeStartKey));
    }
}
