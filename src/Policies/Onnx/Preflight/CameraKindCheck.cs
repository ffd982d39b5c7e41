using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (n) and (o): what an image input was trained on against the camera mapped to it. (n) kind,
/// channels and value range: a depth camera fed to a 3-channel RGB input or to a [0,255] input, an
/// RGB camera fed to a 1-channel input, or depth in metres fed to an input whose statistics are on
/// a 0-1 scale. (o) field of view: an input that records the camera FOV it was trained with
/// (policy.json <c>fovy_deg</c>) on a scene camera whose FOV differs by more than 1 degree.
/// </summary>
internal static class CameraKindCheck
{
    public const double FovToleranceDeg = 1.0;

    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy, RobotSpec spec)
    {
        foreach (var b in policy.Bindings.Where(b => b.IsImage && FeatureNames.IsImage(b.EnvFeature)))
        {
            var camera = spec.Camera(FeatureNames.CameraOf(b.EnvFeature));
            if (camera is null) continue; // a missing camera is reported by the feature check
            string input = $"'{b.Spec.Feature}'", fed = $"camera '{camera.Name}' ({Describe(camera)})";
            int? channels = b.ModelChannels;
            var declared = b.Spec.Range ?? ValueRange.Unit;
            if (camera.Kind == CameraKind.Depth && channels == 3 && camera.Channels == 1)
                yield return Fail($"{input} takes 3-channel RGB images but is fed {fed}: depth fed as RGB. " +
                                  $"Map the input to an RGB camera (--map), or give the depth camera channels: 3 in scene.yaml if the policy was trained on replicated depth.");
            else if (camera.Kind == CameraKind.Rgb && channels is { } c && c != 3)
                yield return Fail($"{input} takes {c}-channel images (depth) but is fed {fed}: RGB fed as depth. Map the input to a depth camera (--map).");
            else if (channels is { } n && n != camera.Channels)
                yield return Fail($"{input} takes {n}-channel images but {fed} gives {camera.Channels}; set the camera's channels in scene.yaml or map another camera (--map).");
            else if (camera.Kind == CameraKind.Depth && declared == ValueRange.Byte)
                yield return Fail($"{input} expects [0,255] pixels (an RGB encoding) but is fed {fed}: depth fed as RGB. Map an RGB camera, or fix value_range in policy.json.");
            else if (camera.Kind == CameraKind.Depth && camera.Depth is { } depth && policy.Package.Stats.For(b.Spec.Feature) is { } stats
                     && Top(stats) is { } top && top <= 1.5 && depth.ValueRange.Hi > 1.5)
                yield return Fail($"{input} was trained on depth scaled to about 0-1 (largest statistic {StatsCheck.F(top)}), but {fed} gives metres up to {depth.ValueRange.Hi:0.###}. " +
                                  "Give the camera unit: 0-1 and the range_m the training data was scaled with in scene.yaml.");
            else if (camera.Kind == CameraKind.Rgb && policy.Package.Stats.For(b.Spec.Feature) is { } rgbStats && rgbStats.Mean is { Length: 1 })
                yield return Fail($"{input} has 1-channel image statistics (depth) but is fed {fed}: RGB fed as depth. Map the input to a depth camera (--map).");

            if (b.Spec.FovYDeg is { } trained && Math.Abs(trained - camera.FovYDeg) > FovToleranceDeg)
                yield return new PreflightFinding(PreflightCheck.CameraFov,
                    $"{input} was trained with a camera of vertical field of view {trained:0.#} deg (policy.json fovy_deg), but {fed} has {camera.FovYDeg:0.#} deg: " +
                    "the policy would see the scene magnified or shrunk. Evaluate on a camera with the training FOV (edit the MJCF camera's fovy in the scene package), or map another camera.");
        }
    }

    private static PreflightFinding Fail(string message) => new(PreflightCheck.CameraKind, message);

    private static double? Top(FeatureStats s)
    {
        var values = new[] { s.Max, s.Q99, s.Mean }.Where(a => a is not null).SelectMany(a => a!).ToList();
        return values.Count == 0 ? null : values.Max();
    }

    private static string Describe(CameraSpec c) => c.Kind == CameraKind.Depth
        ? $"depth, {c.Channels} channel(s), {c.Depth?.Unit ?? "m"} in [{c.ValueRange.Lo:0.###}, {c.ValueRange.Hi:0.###}]"
        : "RGB, 3 channels, 0-255";
}
