using System.Globalization;
using Harness.Core.Tasks;

namespace Harness.Sim.Tasks.PickPlace;

/// <summary>
/// The pick-and-place task's outcome classes and metrics. Definitions carry the scene's thresholds
/// (so run.json states the rules its labels were made with); the README explains the terms.
/// Classes are checked in the order SUCCESS, NEVER_PICKED_UP, TIMEOUT, DROPPED_DURING_TRANSPORT,
/// MISSED_GOAL; the first that matches labels the episode.
/// </summary>
public static class PickPlaceSchema
{
    public const string NeverPickedUp = "NEVER_PICKED_UP";
    public const string Timeout = "TIMEOUT";
    public const string DroppedDuringTransport = "DROPPED_DURING_TRANSPORT";
    public const string MissedGoal = "MISSED_GOAL";

    public const string PickedUp = "picked_up";
    public const string Dropped = "dropped";
    public const string MaxObjectHeightM = "max_object_height_m";
    public const string TimeToPickS = "time_to_pick_s";
    public const string FinalGoalDistanceM = "final_goal_distance_m";
    public const string ClosestToolDistanceM = "closest_tool_distance_m";
    public const string GripperClosed = "gripper_closed";
    public const string TimeToFirstContactS = "time_to_first_contact_s";
    public const string ToolPathLengthM = "tool_path_length_m";
    public const string LeftTable = "left_table";

    /// <summary>
    /// The task type's schema before a package binds it: generic nouns, the goal's geometry named by
    /// its task.parameters keys, the default thresholds.
    /// </summary>
    public static TaskSchema Generic { get; } = For(new PickPlaceParameters
    {
        ObjectBody = "object", ObjectGeoms = [], GoalBody = "goal", GoalRadiusM = double.NaN, GoalMaxHeightM = double.NaN,
        TableTopZ = double.NaN, TableX = new AxisRange(double.NaN, double.NaN), TableY = new AxisRange(double.NaN, double.NaN),
        GripperBodies = [], FixedJawGeomPrefixes = [], MovingJawGeomPrefixes = [], ToolSite = "tool", GripperActionKey = "", ObjectRestHeightM = double.NaN,
    });

    /// <summary>The schema of one scene's task, with its thresholds and goal geometry in the definitions.</summary>
    public static TaskSchema For(PickPlaceParameters p)
    {
        string o = p.ObjectBody, g = p.GoalBody;
        string radius = double.IsNaN(p.GoalRadiusM) ? "goal_radius_m" : Cm(p.GoalRadiusM);
        string height = double.IsNaN(p.GoalMaxHeightM) ? "goal_max_height_m" : Cm(p.GoalMaxHeightM);
        string pick = $"a grasp during which the {o} was held (both jaws touch it) at least {Cm(p.LiftM)} above its resting height on {p.PickSteps} consecutive steps";
        return new TaskSchema(
            "pick-place",
            "Pick up the object and place it in the goal region.",
            [
                OutcomeClass.Success(
                    $"the {o} rests in the {g} (centre under {radius} from the {g} centre and under {height} above the table, not held) " +
                    $"for {p.SuccessSteps} consecutive steps, which ends the episode, or is there at the last step; however it got there"),
                new(NeverPickedUp, $"no pick, a pick being {pick}", 1, 'n'),
                new(Timeout, $"the episode ended during a grasp (the {o} held, or not held for fewer than {p.ReleaseSteps} steps)", 2, 't'),
                new(DroppedDuringTransport,
                    $"the last pick ended in a drop: after the grasp was lost the {o} first landed (touched anything but the gripper) outside the {g}, " +
                    $"having fallen at least {Cm(p.DropHeightM)} or travelled at least {Cm(p.PlaceTravelM)}, or it left the table before landing", 3, 'd'),
                new(MissedGoal, $"a pick happened and the {o} does not rest in the {g} (what is left: the last pick ended with the {o} set down outside the {g}, or landing in it and leaving it)", 4, 'm'),
            ],
            [
                MetricSpec.Flag(PickedUp, $"at least one pick ({pick})"),
                MetricSpec.Flag(Dropped, "at least one pick ended in a drop (see DROPPED_DURING_TRANSPORT)"),
                new(MaxObjectHeightM, "m", $"highest lift of the {o}'s centre above its resting height", [MetricAggregation.Mean]),
                new(TimeToPickS, "s", $"simulated time at which the first pick's lift began (absent without a pick)", [MetricAggregation.P50]),
                new(FinalGoalDistanceM, "m", $"horizontal distance from the {o}'s centre to the {g} centre at the last step", [MetricAggregation.Mean]),
                new(ClosestToolDistanceM, "m", $"closest distance between the tool site ({p.ToolSite}) and the {o}'s centre", [MetricAggregation.Mean, MetricAggregation.P50]),
                MetricSpec.Flag(GripperClosed, $"the applied gripper command came within {p.GripperClosedFraction.ToString("0.##", CultureInfo.InvariantCulture)} of its range from the closed end at least once"),
                new(TimeToFirstContactS, "s", $"simulated time of the first contact between the gripper and the {o} (absent if they never touched)", [MetricAggregation.P50]),
                new(ToolPathLengthM, "m", $"length of the tool site's path, summed between consecutive control steps", [MetricAggregation.Mean]),
                MetricSpec.Flag(LeftTable, $"the {o}'s centre left the table (outside its extent, below its top), which ends the episode"),
            ]);
    }

    private static string Cm(double m) => (m * 100).ToString("0.##", CultureInfo.InvariantCulture) + " cm";
}
