using System.Globalization;
using Harness.Sim.Native;

namespace Harness.Twin.Rig;

/// <summary>
/// Deliberate differences between a virtual rig's physics and its scene, so a "real" run on the
/// virtual bus disagrees with simulation in known ways (sim-to-real tests, calibration demos):
/// every geom's sliding friction scaled (a more slippery world), and servo torque limits per joint
/// (like the STS3215's torque limit register: a weaker gripper holds less). The evaluation scene
/// and the real robot's twin keep the scene's own physics.
/// </summary>
public sealed record RigPhysics
{
    public static readonly RigPhysics Nominal = new();

    /// <summary>Factor on every geom's sliding friction coefficient (1: the scene's).</summary>
    public double FrictionScale { get; init; } = 1;

    /// <summary>Maximum servo torque per joint (MJCF joint name -> N m).</summary>
    public IReadOnlyDictionary<string, double> TorqueLimitsNm { get; init; } = new Dictionary<string, double>();

    public bool IsNominal => FrictionScale == 1 && TorqueLimitsNm.Count == 0;

    public const string TorqueLimitForm = "JOINT=NM (e.g. gripper=0.06)";

    public static RigPhysics Parse(double friction, IEnumerable<string> torqueLimits)
    {
        if (!(friction > 0) || double.IsInfinity(friction))
            throw new ArgumentException($"--friction scales every geom's sliding friction; expected a factor > 0, got {friction.ToString(CultureInfo.InvariantCulture)}.");
        var limits = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in torqueLimits)
        {
            int eq = raw.IndexOf('=');
            if (eq <= 0 || !double.TryParse(raw[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double nm) || !(nm > 0))
                throw new ArgumentException($"--torque-limit '{raw}': expected {TorqueLimitForm}, a joint name and a torque > 0 in newton metres.");
            limits[raw[..eq].Trim()] = nm;
        }
        return new RigPhysics { FrictionScale = friction, TorqueLimitsNm = limits };
    }

    /// <summary>"friction x0.5, gripper torque <= 0.06 N m", or "the scene's physics".</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (FrictionScale != 1) parts.Add(string.Create(CultureInfo.InvariantCulture, $"friction x{FrictionScale:0.###}"));
        parts.AddRange(TorqueLimitsNm.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} torque <= {kv.Value:0.###} N m")));
        return parts.Count == 0 ? "the scene's physics" : string.Join(", ", parts);
    }

    /// <summary>Scales the model's friction (once, at power-on).</summary>
    internal void ApplyTo(MjModel model)
    {
        if (FrictionScale == 1) return;
        for (int g = 0; g < model.NGeom; g++) model.EditGeomFriction(g)[0] *= FrictionScale;
    }

    /// <summary>
    /// Per servo, the largest position error its actuator may see: a position servo's torque is
    /// kp x error, so capping the error at limit / kp caps the torque at the limit (null: no limit).
    /// </summary>
    internal double?[] MaxErrors(MjModel model, IReadOnlyList<ServoGeometry> servos)
    {
        var unknown = TorqueLimitsNm.Keys.Where(k => servos.All(s => s.Element.Joint != k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"--torque-limit names joint(s) {string.Join(", ", unknown)} that the rig does not have; its joints are: {string.Join(", ", servos.Select(s => s.Element.Joint))}.");
        return servos.Select(s => TorqueLimitsNm.TryGetValue(s.Element.Joint, out double nm) ? nm / model.ActuatorGainPrm(s.Element.Actuator)[0] : (double?)null).ToArray();
    }
}
