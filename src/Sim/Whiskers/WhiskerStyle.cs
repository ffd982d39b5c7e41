using Harness.Sim.Rendering;

namespace Harness.Sim.Whiskers;

/// <summary>
/// How whiskers are drawn: the current prediction (fading along its horizon), the
/// <see cref="History"/> previous predictions as ghost trails (fading with age), sampled chunks,
/// the actual tool path (<see cref="ActualTrail"/> steps of it, null = all), and spheres at chunk
/// ends. Radii in metres; alpha never goes below <see cref="MinAlpha"/>. The actual path is drawn
/// with segments of at least <see cref="ActualMinSegment"/> m (consecutive tiny steps merged), which
/// keeps the geom count, and software rendering time, down while the arm is slow or still.
/// </summary>
public sealed record WhiskerStyle(
    Rgba Current,
    Rgba Past,
    Rgba Actual,
    int History = 5,
    double CurrentRadius = 0.0025,
    double PastRadius = 0.0015,
    double ActualRadius = 0.002,
    double SampleRadius = 0.001,
    double ChunkEndRadius = 0.005,
    float MinAlpha = 0.15f,
    int? ActualTrail = null,
    double ActualMinSegment = 0.005)
{
    public static WhiskerStyle Default { get; } = new(Rgba.Green, Rgba.Blue, Rgba.Orange);

    public void Validate()
    {
        if (History < 0) throw new ArgumentException($"whisker history must be >= 0 predictions; got {History}.");
        if (ActualTrail is < 0) throw new ArgumentException($"the actual-path trail must be >= 0 steps; got {ActualTrail}.");
        if (ActualMinSegment < 0) throw new ArgumentException($"the actual path's minimum segment must be >= 0 m; got {ActualMinSegment}.");
        if (MinAlpha is < 0 or > 1) throw new ArgumentException($"minimum alpha must be in 0..1; got {MinAlpha}.");
        foreach (var r in new[] { CurrentRadius, PastRadius, ActualRadius, SampleRadius, ChunkEndRadius })
            if (!(r > 0)) throw new ArgumentException($"whisker radii must be positive metres; got {r}.");
    }
}
