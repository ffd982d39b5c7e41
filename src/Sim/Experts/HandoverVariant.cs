namespace Harness.Sim.Experts;

/// <summary>
/// The bimanual handover expert and its deliberate faults, one per failure class of the handover
/// taxonomy, so the taxonomy can be tested against known ground truth.
/// </summary>
public enum HandoverVariant
{
    /// <summary>Solves the task.</summary>
    Expert,
    /// <summary>The giver closes its jaws beside the cube: NEVER_PICKED_UP.</summary>
    MissGrasp,
    /// <summary>The giver opens half way to the handover point: DROPPED_BEFORE_HANDOVER.</summary>
    DropBefore,
    /// <summary>The receiver comes to the cube but never closes; the giver lets go: HANDOVER_MISSED.</summary>
    HandoverMiss,
    /// <summary>The receiver opens together with the giver after the handover: DROPPED_AFTER_HANDOVER.</summary>
    DropAfter,
    /// <summary>The giver never lets go; both hold the cube until the step limit: TIMEOUT.</summary>
    NoRelease,
}

public static class HandoverVariants
{
    public static readonly IReadOnlyDictionary<string, HandoverVariant> ByName = new Dictionary<string, HandoverVariant>
    {
        ["scripted"] = HandoverVariant.Expert,
        ["scripted:miss-grasp"] = HandoverVariant.MissGrasp,
        ["scripted:drop-before"] = HandoverVariant.DropBefore,
        ["scripted:handover-miss"] = HandoverVariant.HandoverMiss,
        ["scripted:drop-after"] = HandoverVariant.DropAfter,
        ["scripted:no-release"] = HandoverVariant.NoRelease,
    };

    public static string NameOf(HandoverVariant v) => ByName.First(kv => kv.Value == v).Key;

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["scripted"] = "the bimanual expert: picks with one arm, hands over to the other, from privileged state",
        ["scripted:miss-grasp"] = "the giver closes its jaws beside the cube (never picked up)",
        ["scripted:drop-before"] = "the giver opens half way to the handover point (dropped before the handover)",
        ["scripted:handover-miss"] = "the receiver comes to the cube but never closes, and the giver lets go (handover missed)",
        ["scripted:drop-after"] = "the receiver opens together with the giver after the handover (dropped after the handover)",
        ["scripted:no-release"] = "the giver never lets go, both hold the cube until the step limit (timeout)",
    };
}
