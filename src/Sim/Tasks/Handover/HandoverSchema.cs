using System.Globalization;
using Harness.Core.Tasks;

namespace Harness.Sim.Tasks.Handover;

/// <summary>
/// The handover task's outcome classes and metrics. Definitions carry the scene's names and
/// thresholds (so run.json states the rules its labels were made with); the README explains the
/// terms. Classes are checked in the order SUCCESS, NEVER_PICKED_UP, DROPPED_BEFORE_HANDOVER,
/// HANDOVER_MISSED, DROPPED_AFTER_HANDOVER, TIMEOUT; the first that matches labels the episode.
/// </summary>
public static class HandoverSchema
{
    public const string TaskName = "transfer-cube";

    public const string NeverPickedUp = "NEVER_PICKED_UP";
    public const string DroppedBeforeHandover = "DROPPED_BEFORE_HANDOVER";
    public const string HandoverMissed = "HANDOVER_MISSED";
    public const string DroppedAfterHandover = "DROPPED_AFTER_HANDOVER";
    public const string Timeout = "TIMEOUT";

    public const string MaxReward = "max_reward";
    public const string AlohaSuccess = "aloha_success";
    public const string PickedUp = "picked_up";
    public const string Handover = "handover";
    public const string ArmCollision = "arm_collision";
    public const string TimeToPickS = "time_to_pick_s";
    public const string TimeToHandoverS = "time_to_handover_s";
    public const string MaxCubeHeightM = "max_cube_height_m";

    /// <summary>
    /// The task type's schema before a package binds it: generic nouns (the bound scene's schema
    /// names its own grippers and thresholds). Built once, as the pick-place type's.
    /// </summary>
    public static TaskSchema Generic { get; } = For(new HandoverParameters
    {
        ObjectBody = "cube", ObjectGeom = "cube",
        Giver = new HandoverGripper("right", "", [], [], ""), Receiver = new HandoverGripper("left", "", [], [], ""),
        TableBody = "table", TableTopZ = 0, ObjectRestHeightM = 0,
    });

    public static TaskSchema For(HandoverParameters p)
    {
        string o = p.ObjectBody, g = p.Giver.Name, r = p.Receiver.Name;
        string pick = $"a {g} grasp, both {g} jaws on the {o}, during which the {o} was at least {Cm(p.LiftM)} above its resting height on {p.PickSteps} consecutive steps";
        string handover = $"a step at which both grippers hold the {o}, each with both jaws";
        return new TaskSchema(
            TaskName,
            $"The {g} arm picks the {o} up and hands it to the {r} arm, which holds it lifted.",
            [
                OutcomeClass.Success(
                    $"the {r} gripper holds the {o} (both jaws), nothing of the {g} arm touches it and it does not touch the table, " +
                    $"for {p.SuccessSteps} consecutive steps (gym-aloha's stage 4 without the {g} gripper); this ends the episode"),
                new(NeverPickedUp, $"the {g} gripper never picked the {o} up, a pick being {pick}", 1, 'n'),
                new(DroppedBeforeHandover,
                    $"no handover, a handover being {handover}; the {g} gripper's last pick ended (grasp lost for {p.ReleaseSteps} steps) " +
                    $"with the {r} tool site farther than {Cm(p.ReceiverReachM)} from the {o}'s centre", 2, 'b'),
                new(HandoverMissed,
                    $"no handover; the {g} gripper still holds its pick at the end, or lost it with the {r} tool site " +
                    $"within {Cm(p.ReceiverReachM)} of the {o}'s centre (the {r} gripper was there but never held it while the {g} did)", 3, 'm'),
                new(DroppedAfterHandover, $"a handover happened and at the end neither gripper holds the {o} (no grasp in progress)", 4, 'a'),
                new(Timeout, $"a handover happened and at the end a grasp is still in progress (both grippers still holding included) without a success", 5, 't'),
            ],
            [
                new(MaxReward, "stage",
                    $"the highest per-step reward of gym-aloha's transfer-cube rule (1 a {g} finger touches the {o}, 2 and the {o} is off the table, " +
                    $"3 a {r} finger touches it, 4 and it is off the table); its mean is LeRobot's avg_max_reward",
                    [MetricAggregation.Mean]),
                MetricSpec.Flag(AlohaSuccess, $"{MaxReward} reached 4 (gym-aloha's and ACT's success: one step with a {r} finger on the {o} off the table)"),
                MetricSpec.Flag(PickedUp, $"at least one pick by the {g} gripper: {pick}"),
                MetricSpec.Flag(Handover, $"at least one handover: {handover}"),
                MetricSpec.Flag(ArmCollision, "the two arms touched each other at least once (any contact between their geoms)"),
                new(TimeToPickS, "s", $"simulated time at which the {g} gripper's first pick began lifting (absent without a pick)", [MetricAggregation.P50]),
                new(TimeToHandoverS, "s", "simulated time of the first handover (absent without one)", [MetricAggregation.P50]),
                new(MaxCubeHeightM, "m", $"highest lift of the {o}'s centre above its resting height", [MetricAggregation.Mean]),
            ]);
    }

    private static string Cm(double m) => (m * 100).ToString("0.##", CultureInfo.InvariantCulture) + " cm";
}
