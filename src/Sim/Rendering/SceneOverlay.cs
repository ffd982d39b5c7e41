namespace Harness.Sim.Rendering;

/// <summary>An RGBA colour with components in 0..1.</summary>
public readonly record struct Rgba(float R, float G, float B, float A)
{
    public Rgba WithAlpha(float a) => this with { A = a };
    public static readonly Rgba Green = new(0.1f, 0.9f, 0.2f, 1f);
    public static readonly Rgba Blue = new(0.2f, 0.45f, 1f, 1f);
    public static readonly Rgba Orange = new(1f, 0.55f, 0.05f, 1f);
}

/// <summary>A segment drawn as a capsule between two world points (m), radius in m.</summary>
public readonly record struct OverlaySegment(double X0, double Y0, double Z0, double X1, double Y1, double Z1, double Radius, Rgba Colour);

/// <summary>A sphere at a world point (m).</summary>
public readonly record struct OverlaySphere(double X, double Y, double Z, double Radius, Rgba Colour);

/// <summary>
/// Extra geometry added to MuJoCo's scene after mjv_updateScene and before mjr_render, so the
/// scene occludes it correctly (whiskers, paths, markers). Immutable.
/// </summary>
public sealed record SceneOverlay(IReadOnlyList<OverlaySegment> Segments, IReadOnlyList<OverlaySphere> Spheres)
{
    public static SceneOverlay Empty { get; } = new([], []);
    public int Count => Segments.Count + Spheres.Count;
}
