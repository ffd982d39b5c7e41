using Harness.Core.Randomness;

namespace Harness.Sim.Scenes.So101;

/// <summary>
/// Where things start. The block's centre is drawn uniformly from the documented region
/// (x 0.17..0.25 m, y -0.10..0.06 m in the robot base frame, yaw -45..45 deg); the bowl is fixed
/// at (0.14, 0.16). Same seed, same layout, whatever the policy.
/// </summary>
public sealed record PickPlaceLayout(double BlockX, double BlockY, double BlockYawRad)
{
    public const double XMin = 0.17, XMax = 0.25, YMin = -0.10, YMax = 0.06, YawMaxDeg = 45;
    public const double BowlX = 0.14, BowlY = 0.16;
    public const double BlockHalf = 0.0125;

    public static PickPlaceLayout FromSeed(int seed)
    {
        var r = new SeededRandom((ulong)(uint)seed * 0x2545F4914F6CDD1DUL + 17);
        return new PickPlaceLayout(
            r.Uniform(XMin, XMax),
            r.Uniform(YMin, YMax),
            r.Uniform(-YawMaxDeg, YawMaxDeg) * Math.PI / 180);
    }
}
