using Harness.Core.Randomness;
using Harness.Sim.Native;

namespace Harness.Sim.Env;

/// <summary>A free body placed from the episode seed: x, y uniform in ranges (m), yaw uniform (rad), z fixed.</summary>
public sealed record PlacedBody(string Joint, int QposAdr, int DofAdr, double XMin, double XMax, double YMin, double YMax, double YawMin, double YawMax, double Z);

/// <summary>
/// The initial-state distribution of a scene: every placed body's pose drawn from the episode seed
/// (bodies in declaration order, from one generator), so episode i of a run starts from the same
/// state whatever the policy.
/// </summary>
public sealed class InitialLayout(IReadOnlyList<PlacedBody> bodies)
{
    public IReadOnlyList<PlacedBody> Bodies => bodies;

    /// <summary>The poses (x, y, z, yaw) a seed gives, without touching any state.</summary>
    public IReadOnlyList<(double X, double Y, double Z, double Yaw)> Draw(int seed)
    {
        var r = new SeededRandom((ulong)(uint)seed * 0x2545F4914F6CDD1DUL + 17);
        return bodies.Select(b => (r.Uniform(b.XMin, b.XMax), r.Uniform(b.YMin, b.YMax), b.Z, r.Uniform(b.YawMin, b.YawMax))).ToArray();
    }

    public void Apply(MjData data, int seed)
    {
        var poses = Draw(seed);
        var q = data.Qpos;
        for (int i = 0; i < bodies.Count; i++)
        {
            var (x, y, z, yaw) = poses[i];
            int a = bodies[i].QposAdr;
            q[a] = x; q[a + 1] = y; q[a + 2] = z;
            q[a + 3] = Math.Cos(yaw / 2); q[a + 4] = 0; q[a + 5] = 0; q[a + 6] = Math.Sin(yaw / 2);
            data.Qvel.Slice(bodies[i].DofAdr, 6).Clear();
        }
    }
}
