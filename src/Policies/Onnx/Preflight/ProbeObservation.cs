using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// Synthetic observations for pre-flight probes: joints at a given fraction of their limits
/// (0.5 = mid-range), other vectors zero (or their training mean when <paramref name="means"/>
/// gives one), every camera a uniform grey of the same fraction. <see cref="Typical"/> builds an
/// in-distribution probe instead (every vector at its training mean): a learned policy is only
/// expected to give sensible actions near its data, so action-range checks use that one.
/// </summary>
public static class ProbeObservation
{
    public static Observation Build(RobotSpec spec, IEnumerable<string> features, double fraction,
        IReadOnlyDictionary<string, double[]>? means = null, bool meansForState = false)
    {
        var vectors = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var images = new Dictionary<string, CameraImage>(StringComparer.Ordinal);
        foreach (var f in features.Distinct())
        {
            if (FeatureNames.IsImage(f))
            {
                var cam = spec.Camera(FeatureNames.CameraOf(f));
                var feat = spec.Feature(f);
                int h = cam?.Height ?? feat?.Shape[0] ?? 64, w = cam?.Width ?? feat?.Shape[1] ?? 64;
                var pixels = new byte[h * w * 3];
                Array.Fill(pixels, (byte)Math.Round(255 * fraction));
                images[f] = new CameraImage(h, w, 3, pixels);
            }
            else
            {
                int dim = EnvironmentDim(spec, f) ?? 0;
                var v = new double[dim];
                if (means is not null && means.TryGetValue(f, out var mean) && mean.Length == dim && (f != FeatureNames.State || meansForState))
                    v = (double[])mean.Clone();
                else if (f == FeatureNames.State)
                    for (int i = 0; i < Math.Min(dim, spec.Joints.Count); i++)
                        v[i] = spec.Joints[i].Min + fraction * (spec.Joints[i].Max - spec.Joints[i].Min);
                vectors[f] = v;
            }
        }
        return new Observation(0, 0, vectors, images);
    }

    /// <summary>Every vector at its training mean (from stats.json), images mid-grey: a typical input.</summary>
    public static Observation Typical(RobotSpec spec, IEnumerable<string> features, IReadOnlyDictionary<string, double[]> means) =>
        Build(spec, features, 0.5, means, meansForState: true);

    /// <summary>Size of a vector feature the environment provides (observation.state defaults to one value per joint).</summary>
    public static int? EnvironmentDim(RobotSpec spec, string feature) =>
        spec.Feature(feature)?.Size ?? (feature == FeatureNames.State ? spec.Joints.Count : null);
}
