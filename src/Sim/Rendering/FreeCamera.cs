namespace Harness.Sim.Rendering;

/// <summary>
/// A viewer camera orbiting a point: distance in m, azimuth and elevation in degrees (MuJoCo's
/// free camera convention: elevation negative looks down).
/// </summary>
public sealed record FreeCamera(double LookAtX, double LookAtY, double LookAtZ, double Distance, double Azimuth, double Elevation)
{
    /// <summary>A view of the so101 workspace from the front left, looking down.</summary>
    public static FreeCamera Workspace { get; } = new(0.18, 0.04, 0.05, 0.75, 150, -30);
}
