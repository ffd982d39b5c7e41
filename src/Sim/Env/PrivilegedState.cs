using Harness.Core.Robots;
using Harness.Sim.Native;

namespace Harness.Sim.Env;

/// <summary>Which parts of a body's pose are exposed.</summary>
[Flags]
public enum PoseParts { Position = 1, Quaternion = 2 }

/// <summary>A body whose pose goes into observation.environment_state.</summary>
public sealed record PrivilegedBody(string Body, int BodyId, PoseParts Parts);

/// <summary>
/// observation.environment_state: the declared bodies' positions (m) and quaternions (w, x, y, z)
/// in the world frame (robot base frame in our scenes), named body.x, body.qw, ... It is marked
/// privileged: simulator only, a real robot cannot provide it.
/// </summary>
public sealed class PrivilegedState
{
    private readonly IReadOnlyList<PrivilegedBody> _bodies;

    public PrivilegedState(IReadOnlyList<PrivilegedBody> bodies)
    {
        _bodies = bodies;
        var names = new List<string>();
        var units = new List<string>();
        foreach (var b in bodies)
        {
            if (b.Parts.HasFlag(PoseParts.Position)) { names.AddRange(new[] { "x", "y", "z" }.Select(c => $"{b.Body}.{c}")); units.AddRange([Units.Metres, Units.Metres, Units.Metres]); }
            if (b.Parts.HasFlag(PoseParts.Quaternion)) { names.AddRange(new[] { "qw", "qx", "qy", "qz" }.Select(c => $"{b.Body}.{c}")); units.AddRange(Enumerable.Repeat(Units.Quaternion, 4)); }
        }
        Names = names;
        Feature = names.Count == 0 ? null
            : new FeatureSpec(FeatureNames.EnvironmentState, FeatureDType.Float32, [names.Count], names, Privileged: true, Units: units);
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The feature, or null when the scene exposes nothing.</summary>
    public FeatureSpec? Feature { get; }

    public void Add(MjData data, IDictionary<string, double[]> vectors)
    {
        if (Feature is null) return;
        var v = new double[Names.Count];
        int k = 0;
        foreach (var b in _bodies)
        {
            if (b.Parts.HasFlag(PoseParts.Position)) { var p = data.BodyPos(b.BodyId); v[k++] = p[0]; v[k++] = p[1]; v[k++] = p[2]; }
            if (b.Parts.HasFlag(PoseParts.Quaternion)) { var r = data.BodyQuat(b.BodyId); v[k++] = r[0]; v[k++] = r[1]; v[k++] = r[2]; v[k++] = r[3]; }
        }
        vectors[FeatureNames.EnvironmentState] = v;
    }
}
