using Harness.Core.Tasks;

namespace Harness.Sim.Scenes.So101;

/// <summary>The pick-and-place task's outcome classes and metrics (definitions also in the README).</summary>
public static class PickPlaceSchema
{
    public const string NeverPickedUp = "NEVER_PICKED_UP";
    public const string DroppedDuringTransport = "DROPPED_DURING_TRANSPORT";
    public const string MissedGoal = "MISSED_GOAL";
    public const string Timeout = "TIMEOUT";

    public const string PickedUp = "picked_up";
    public const string Dropped = "dropped";
    public const string MaxObjectHeightM = "max_object_height_m";
    public const string TimeToPickS = "time_to_pick_s";
    public const string FinalGoalDistanceM = "final_goal_distance_m";

    public static TaskSchema Schema { get; } = new(
        "pick-place",
        "Pick up the object and place it in the goal region.",
        [
            OutcomeClass.Success("the block rests in the bowl, not held, for 10 consecutive steps, or is in the bowl and released at the step limit"),
            new(NeverPickedUp, "the block was never lifted 2 cm above its resting height while held by both jaws", 1, 'n'),
            new(DroppedDuringTransport, "the block was released more than 3 cm above rest and more than 5.8 cm from the bowl centre", 2, 'd'),
            new(MissedGoal, "the block was released (placed) but does not rest in the bowl", 3, 'm'),
            new(Timeout, "the step limit was reached while the block was still held", 4, 't'),
        ],
        [
            MetricSpec.Flag(PickedUp, "the block was lifted 2 cm above rest while held by both jaws at least once"),
            MetricSpec.Flag(Dropped, "at least one release happened as a drop (see DROPPED_DURING_TRANSPORT)"),
            new(MaxObjectHeightM, "m", "highest lift of the block's centre above its resting height", [MetricAggregation.Mean]),
            new(TimeToPickS, "s", "simulated time of the first pick-up", [MetricAggregation.P50]),
            new(FinalGoalDistanceM, "m", "horizontal distance from the block to the bowl centre at the end", [MetricAggregation.Mean]),
        ]);
}
