using System.Globalization;

namespace Harness.Sim.Experts;

/// <summary>
/// How the generic pick-and-place expert drives a particular arm, from the scene package's
/// <c>expert:</c> section: which tool-site axes are the approach and the jaw axis, the gripper
/// commands (feature units) for open and closed, tool heights above the table (m) for hovering,
/// carrying and releasing, the lateral clearance to keep from the fixed jaw when descending, the
/// tool's height above the object's centre at the grasp (jaws longer than the tool site reach
/// below it), the tool speed (m/s), and how many control steps to hold the grasp and place
/// targets before closing or opening (arms whose position servos trail a moving target; 0: none).
/// </summary>
public sealed record PickPlaceExpertSettings(
    double[] ApproachAxis,
    double[] JawAxis,
    double GripperOpen,
    double GripperClosed,
    double HoverHeight,
    double CarryHeight,
    double ReleaseHeight,
    double GraspClearance,
    double Speed,
    double[]? WrongGoal = null,
    double GraspHeight = 0,
    int ArrivalSteps = 0)
{
    public static readonly IReadOnlyList<string> Keys =
        ["approach_axis", "jaw_axis", "gripper_open", "gripper_closed", "hover_height", "carry_height", "release_height", "grasp_clearance", "speed", "wrong_goal", "grasp_height", "arrival_steps"];

    /// <summary>Reads the section; every problem goes to <paramref name="problem"/> as (key, message).</summary>
    public static PickPlaceExpertSettings? Parse(IReadOnlyDictionary<string, object>? section, Action<string, string> problem)
    {
        if (section is null) { problem("expert", $"missing; the pick-place expert needs {string.Join(", ", Keys.Take(9))}."); return null; }
        foreach (var k in section.Keys.Where(k => !Keys.Contains(k)))
            problem($"expert.{k}", $"unknown key; expected one of {string.Join(", ", Keys)}.");
        bool ok = true;
        double Num(string key, double? fallback = null)
        {
            if (section.TryGetValue(key, out var v) && double.TryParse(Convert.ToString(v, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            if (fallback is { } f && !section.ContainsKey(key)) return f;
            problem($"expert.{key}", section.ContainsKey(key) ? $"expected a number; found '{section[key]}'." : "missing; expected a number.");
            ok = false;
            return 0;
        }
        double[]? Vec(string key, int n, bool required = true)
        {
            if (!section.TryGetValue(key, out var v)) { if (required) { problem($"expert.{key}", $"missing; expected {n} numbers."); ok = false; } return null; }
            if (v is IEnumerable<object> list)
            {
                var xs = list.Select(x => double.TryParse(Convert.ToString(x, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToArray();
                if (xs.Length == n && xs.All(double.IsFinite)) return xs;
            }
            problem($"expert.{key}", $"expected {n} numbers, e.g. [1, 0, 0]; found '{v}'.");
            ok = false;
            return null;
        }
        var s = new PickPlaceExpertSettings(Vec("approach_axis", 3) ?? [1, 0, 0], Vec("jaw_axis", 3) ?? [0, 1, 0],
            Num("gripper_open"), Num("gripper_closed"), Num("hover_height"), Num("carry_height"), Num("release_height"),
            Num("grasp_clearance", 0), Num("speed", 0.2), Vec("wrong_goal", 2, required: false),
            Num("grasp_height", 0));
        double arrival = Num("arrival_steps", 0);
        if (ok && (arrival < 0 || arrival != Math.Floor(arrival))) { problem("expert.arrival_steps", $"expected a whole number of control steps >= 0; found {arrival}."); ok = false; }
        s = s with { ArrivalSteps = (int)arrival };
        if (ok && s.Speed <= 0) { problem("expert.speed", $"expected > 0 m/s; found {s.Speed}."); ok = false; }
        if (ok && !(s.HoverHeight > 0 && s.CarryHeight > 0 && s.ReleaseHeight > 0)) { problem("expert", "hover_height, carry_height and release_height must be above the table (> 0 m)."); ok = false; }
        return ok ? s : null;
    }
}
