using System.Globalization;

namespace Harness.Sim.Experts;

/// <summary>
/// How the bimanual handover expert drives a particular kit, from the scene package's
/// <c>expert:</c> section (metres, world frame; gripper commands in the gripper element's feature
/// units): the tool-site axes along the fingers and across the jaws, gripper commands, the pick
/// (hover height and the fingertips' height relative to the cube's centre), the handover (the cube's
/// centre there, the giver's jaw axis, the receiver's approach and jaw axes, how far back the
/// receiver waits and how far its fingertips pass the cube's centre), where the receiver takes the
/// cube afterwards, and the tool speed (m/s).
/// </summary>
public sealed record HandoverExpertSettings(
    double[] ApproachAxis,
    double[] JawAxis,
    double GripperOpen,
    double GripperReceive,
    double GripperClosed,
    double HoverHeight,
    double GraspHeight,
    double[] HandoverPoint,
    double[] GiverJaw,
    double[] ReceiverApproach,
    double[] ReceiverJaw,
    double ReceiverStandoff,
    double ReceiverDepth,
    double[] HoldOffset,
    double Speed)
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "approach_axis", "jaw_axis", "gripper_open", "gripper_receive", "gripper_closed", "hover_height", "grasp_height",
        "handover_point", "giver_jaw", "receiver_approach", "receiver_jaw", "receiver_standoff", "receiver_depth", "hold_offset", "speed",
    ];

    /// <summary>Reads the section; every problem goes to <paramref name="problem"/> as (key, message).</summary>
    public static HandoverExpertSettings? Parse(IReadOnlyDictionary<string, object>? section, Action<string, string> problem)
    {
        if (section is null) { problem("expert", $"missing; the handover expert needs {string.Join(", ", Keys)}."); return null; }
        foreach (var k in section.Keys.Where(k => !Keys.Contains(k)))
            problem($"expert.{k}", $"unknown key; expected one of {string.Join(", ", Keys)}.");
        bool ok = true;
        static bool Number(object? v, out double d) =>
            double.TryParse(Convert.ToString(v, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d);
        double Num(string key)
        {
            if (section.TryGetValue(key, out var v) && Number(v, out var d)) return d;
            problem($"expert.{key}", section.ContainsKey(key) ? $"expected a number; found '{section[key]}'." : "missing; expected a number.");
            ok = false;
            return 0;
        }
        double[] Vec(string key, bool direction)
        {
            if (section.TryGetValue(key, out var v) && v is IEnumerable<object> list)
            {
                var xs = list.Select(x => Number(x, out var d) ? d : double.NaN).ToArray();
                if (xs.Length == 3 && xs.All(double.IsFinite) && (!direction || xs.Sum(x => x * x) > 1e-12)) return xs;
            }
            problem($"expert.{key}", section.ContainsKey(key)
                ? $"expected 3 numbers{(direction ? " (a non-zero direction)" : "")}, e.g. [1, 0, 0]; found '{Text(section[key])}'."
                : "missing; expected 3 numbers, e.g. [1, 0, 0].");
            ok = false;
            return [1, 0, 0];
        }
        var s = new HandoverExpertSettings(Vec("approach_axis", true), Vec("jaw_axis", true),
            Num("gripper_open"), Num("gripper_receive"), Num("gripper_closed"), Num("hover_height"), Num("grasp_height"),
            Vec("handover_point", false), Vec("giver_jaw", true), Vec("receiver_approach", true), Vec("receiver_jaw", true),
            Num("receiver_standoff"), Num("receiver_depth"), Vec("hold_offset", false), Num("speed"));
        if (!ok) return null;
        if (s.Speed <= 0) { problem("expert.speed", $"expected > 0 m/s; found {s.Speed}."); ok = false; }
        if (s.HoverHeight <= 0) { problem("expert.hover_height", $"expected > 0 m above the cube's centre; found {s.HoverHeight}."); ok = false; }
        if (s.ReceiverStandoff <= 0) { problem("expert.receiver_standoff", $"expected > 0 m; found {s.ReceiverStandoff}."); ok = false; }
        if (Math.Abs(Dot(s.ReceiverApproach, s.ReceiverJaw)) > 1e-6 * Norm(s.ReceiverApproach) * Norm(s.ReceiverJaw))
        { problem("expert.receiver_jaw", "must be perpendicular to receiver_approach (a jaw axis lies across the fingers)."); ok = false; }
        return ok ? s : null;
    }

    private static string Text(object? v) => v is not string && v is IEnumerable<object> l ? $"[{string.Join(", ", l)}]" : $"{v}";
    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));
}
