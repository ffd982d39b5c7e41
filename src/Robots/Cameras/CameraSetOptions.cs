namespace Harness.Robots.Cameras;

/// <summary>How strictly a robot's cameras are held to the loop's needs.</summary>
public sealed record CameraSetOptions
{
    /// <summary>How long opening a camera and getting its first frames may take.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long frames are counted at open to measure the camera's rate.</summary>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The measured rate must reach this share of the control rate (a slower camera repeats frames to the policy).</summary>
    public double MinRateShare { get; init; } = 0.8;

    /// <summary>A frame older than this when the loop takes it means the stream stalled (null: five control periods, at least 0.5 s).</summary>
    public TimeSpan? StaleAfter { get; init; }

    /// <summary>Pixels identical for this long mean a frozen stream (a real sensor's noise always changes some).</summary>
    public TimeSpan FrozenAfter { get; init; } = TimeSpan.FromSeconds(2);

    public static CameraSetOptions Default { get; } = new();
}
