using System.Globalization;

namespace Harness.Sim.Tasks.PickPlace;

/// <summary>
/// Reads a scene package's <c>task.parameters</c> for pick-and-place: the goal's and the table's
/// geometry (required: the labels depend on them) and, optionally, the rest height and the
/// thresholds (defaults: <see cref="PickPlaceParameters"/>).
/// </summary>
public static class PickPlaceParametersSection
{
    public static readonly IReadOnlyList<string> Required = ["goal_radius_m", "goal_max_height_m", "table_x", "table_y", "table_top_z"];

    public static readonly IReadOnlyList<string> Optional =
        ["rest_height_m", "lift_m", "pick_steps", "release_steps", "drop_height_m", "place_travel_m", "success_steps", "gripper_closed_fraction"];

    /// <summary>
    /// Applies the section to <paramref name="named"/> (the names, already checked); every problem
    /// goes to <paramref name="problem"/> as (key, message); null when any was found.
    /// </summary>
    public static PickPlaceParameters? Apply(PickPlaceParameters named, IReadOnlyDictionary<string, object>? section, Action<string, string> problem)
    {
        const string k = "task.parameters";
        if (section is null)
        {
            problem(k, $"missing; pick-place needs the goal's and the table's geometry: {string.Join(", ", Required)} " +
                       "(e.g. goal_radius_m: 0.052, goal_max_height_m: 0.036, table_x: [-0.2, 0.6], table_y: [-0.35, 0.35], table_top_z: 0).");
            return null;
        }
        foreach (var key in section.Keys.Where(x => !Required.Contains(x) && !Optional.Contains(x)))
            problem($"{k}.{key}", $"unknown key; expected {string.Join(", ", Required)} and optionally {string.Join(", ", Optional)}.");
        bool ok = true;
        void Bad(string key, string msg) { problem($"{k}.{key}", msg); ok = false; }

        double? Number(string key, bool required)
        {
            if (!section.TryGetValue(key, out var v)) { if (required) Bad(key, "missing; expected a number."); return null; }
            if (double.TryParse(Convert.ToString(v, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
            Bad(key, $"expected a number; found '{v}'.");
            return null;
        }
        double? Positive(string key, bool required = false)
        {
            var d = Number(key, required);
            if (d is <= 0) { Bad(key, $"expected more than 0; found {d}."); return null; }
            return d;
        }
        int? Steps(string key)
        {
            var d = Number(key, false);
            if (d is null) return null;
            if (d.Value < 1 || d.Value != Math.Floor(d.Value)) { Bad(key, $"expected a whole number of steps, at least 1; found {d}."); return null; }
            return (int)d;
        }
        AxisRange? Range(string key)
        {
            if (!section.TryGetValue(key, out var v)) { Bad(key, "missing; expected [min, max] in metres."); return null; }
            if (v is IEnumerable<object> list)
            {
                var xs = list.Select(x => double.TryParse(Convert.ToString(x, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToArray();
                if (xs.Length == 2 && xs.All(double.IsFinite) && xs[0] < xs[1]) return new AxisRange(xs[0], xs[1]);
            }
            Bad(key, $"expected [min, max] in metres with min < max, e.g. [-0.2, 0.6]; found '{v}'.");
            return null;
        }

        var radius = Positive("goal_radius_m", required: true);
        var height = Positive("goal_max_height_m", required: true);
        var tableX = Range("table_x");
        var tableY = Range("table_y");
        var top = Number("table_top_z", required: true);
        var rest = Positive("rest_height_m");
        var lift = Positive("lift_m");
        var pickSteps = Steps("pick_steps");
        var releaseSteps = Steps("release_steps");
        var drop = Positive("drop_height_m");
        var travel = Positive("place_travel_m");
        var successSteps = Steps("success_steps");
        var closed = Number("gripper_closed_fraction", false);
        if (closed is < 0 or > 1) Bad("gripper_closed_fraction", $"expected a fraction of the gripper's range, 0 to 1; found {closed}.");
        if (!ok) return null;

        var d = named;
        return named with
        {
            GoalRadiusM = radius!.Value,
            GoalMaxHeightM = height!.Value,
            TableX = tableX!.Value,
            TableY = tableY!.Value,
            TableTopZ = top!.Value,
            ObjectRestHeightM = rest ?? d.ObjectRestHeightM,
            LiftM = lift ?? d.LiftM,
            PickSteps = pickSteps ?? d.PickSteps,
            ReleaseSteps = releaseSteps ?? d.ReleaseSteps,
            DropHeightM = drop ?? d.DropHeightM,
            PlaceTravelM = travel ?? d.PlaceTravelM,
            SuccessSteps = successSteps ?? d.SuccessSteps,
            GripperClosedFraction = closed ?? d.GripperClosedFraction,
        };
    }
}
