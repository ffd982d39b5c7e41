using Harness.Core.Robots;
using Harness.Policies.Remote.Msgpack;

namespace Harness.Policies.Remote.Layouts;

/// <summary>An observation layout driven by a <see cref="LayoutSpec"/> (openpi presets and mapping files).</summary>
public sealed class MappedLayout(LayoutSpec spec) : IObservationLayout
{
    public LayoutSpec Spec { get; } = spec;

    public string Name => Spec.Name;
    public bool SendsEpisodeStart => Spec.SendEpisodeStart;
    public bool SendsPrompt => Spec.PromptKey is not null;

    public IReadOnlyList<string> Features => Spec.Fields.Select(f => f.Source).Distinct().ToList();

    public void Check(RobotSpec robot)
    {
        foreach (var field in Spec.Fields)
        {
            if (field.IsImage)
            {
                string camera = FeatureNames.CameraOf(field.Source);
                if (!field.Optional && robot.Camera(camera) is null)
                    throw new ArgumentException(
                        $"layout '{Name}' sends '{field.KeyText}' from camera '{camera}'; {robot.RobotType} has " +
                        $"{(robot.Cameras.Count == 0 ? "no cameras" : string.Join(", ", robot.Cameras.Select(c => $"'{c.Name}'")))}. " +
                        $"Map it with a camera map ({camera}=<robot camera>) or a layout mapping file.");
                continue;
            }
            var feature = robot.Feature(field.Source);
            int? size = feature?.Size ?? (field.Source == FeatureNames.State ? robot.Joints.Count : null);
            if (size is null)
                throw new ArgumentException(
                    $"layout '{Name}' sends '{field.KeyText}' from feature '{field.Source}', which {robot.RobotType} does not have; it has " +
                    $"{string.Join(", ", robot.Features.Where(f => !f.Name.StartsWith(FeatureNames.ImagePrefix)).Select(f => $"'{f.Name}'"))}. Use a layout mapping file.");
            if (field.Slice is { } s && s.End > size)
                throw new ArgumentException(
                    $"layout '{Name}' sends '{field.KeyText}' = {field.Source}[{s.Start}:{s.End}], but {robot.RobotType}'s {field.Source} has {size} values. " +
                    "This layout is for another robot; use --layout lerobot or a mapping file.");
        }
    }

    public IReadOnlyDictionary<string, object?> Encode(Observation observation, string task, bool episodeStart)
    {
        var request = new Dictionary<string, object?>();
        foreach (var field in Spec.Fields)
        {
            object value;
            if (field.IsImage)
            {
                if (!observation.Images.TryGetValue(field.Source, out var image))
                {
                    if (field.Optional) continue;
                    throw new OpenPiProtocolException(
                        $"layout '{Name}' needs image '{field.Source}' for '{field.KeyText}'; the observation has " +
                        $"{(observation.Images.Count == 0 ? "no images" : string.Join(", ", observation.Images.Keys))}. Map the camera with a camera map or a layout file.");
                }
                if (field.Resize is { } size) image = ImageResize.ResizeWithPad(image, size.Height, size.Width);
                value = ImageTensors.ToArray(image, field.Axes);
            }
            else
            {
                if (!observation.Vectors.TryGetValue(field.Source, out var vector))
                    throw new OpenPiProtocolException(
                        $"layout '{Name}' needs '{field.Source}' for '{field.KeyText}'; the observation has {string.Join(", ", observation.Vectors.Keys)}.");
                var (start, end) = field.Slice ?? (0, vector.Length);
                if (end > vector.Length)
                    throw new OpenPiProtocolException(
                        $"layout '{Name}' sends '{field.KeyText}' = {field.Source}[{start}:{end}], but {field.Source} has {vector.Length} values. Use --layout lerobot or a mapping file.");
                var slice = vector.AsSpan(start, end - start);
                value = field.DType == "<f4" ? NdArray.FromFloats(slice, slice.Length) : NdArray.FromDoubles(slice.ToArray(), slice.Length);
            }
            Put(request, field.Key, value);
        }
        if (Spec.PromptKey is { } prompt) request[prompt] = task;
        if (episodeStart && Spec.SendEpisodeStart) request[IObservationLayout.EpisodeStartKey] = true;
        return request;
    }

    public DecodedObservation Decode(MsgpackMap request)
    {
        var parts = new Dictionary<string, List<(int Start, double[] Values)>>();
        var images = new Dictionary<string, CameraImage>();
        foreach (var field in Spec.Fields)
        {
            if (!TryFind(request, field, out var value))
            {
                if (field.Optional) continue;
                throw new OpenPiProtocolException(
                    $"request has no '{field.KeyText}' (layout '{Name}'); it has keys {string.Join(", ", request.KeyNames)}.");
            }
            if (field.IsImage)
            {
                images[field.Source] = RequestFields.Image(value, field.KeyText, field.Axes);
                continue;
            }
            var vector = RequestFields.Vector(value, field.KeyText);
            if (field.Slice is { } s && vector.Length != s.End - s.Start)
                throw new OpenPiProtocolException(
                    $"'{field.KeyText}' must have {s.End - s.Start} values (layout '{Name}'); found {vector.Length}.");
            if (!parts.TryGetValue(field.Source, out var list)) parts[field.Source] = list = [];
            list.Add((field.Slice?.Start ?? 0, vector));
        }
        var vectors = new Dictionary<string, double[]>();
        foreach (var (source, list) in parts) vectors[source] = Assemble(source, list);
        string task = Spec.PromptKey is { } prompt ? RequestFields.OptionalString(request, prompt) ?? "" : "";
        return new DecodedObservation(new Observation(0, 0, vectors, images), task,
            RequestFields.Flag(request, IObservationLayout.EpisodeStartKey));
    }

    private double[] Assemble(string source, List<(int Start, double[] Values)> parts)
    {
        parts.Sort((a, b) => a.Start.CompareTo(b.Start));
        var result = new List<double>();
        foreach (var (start, values) in parts)
        {
            if (start != result.Count)
                throw new OpenPiProtocolException(
                    $"layout '{Name}' cannot rebuild '{source}': its slices leave elements {result.Count}..{start - 1} uncovered or overlap.");
            result.AddRange(values);
        }
        return result.ToArray();
    }

    private static bool TryFind(MsgpackMap request, LayoutField field, out object? value)
    {
        var map = request;
        for (int i = 0; i < field.Key.Count - 1; i++)
        {
            if (!map.TryGet(field.Key[i], out var inner) || inner is not MsgpackMap next) { value = null; return false; }
            map = next;
        }
        return map.TryGet(field.Key[^1], out value);
    }

    private static void Put(Dictionary<string, object?> request, IReadOnlyList<string> key, object value)
    {
        var map = request;
        for (int i = 0; i < key.Count - 1; i++)
        {
            if (!map.TryGetValue(key[i], out var inner) || inner is not Dictionary<string, object?> next)
                map[key[i]] = next = new Dictionary<string, object?>();
            map = next;
        }
        map[key[^1]] = value;
    }
}
