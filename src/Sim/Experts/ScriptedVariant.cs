namespace Harness.Sim.Experts;

/// <summary>
/// The scripted expert and its deliberate faults, each meant to produce one failure class so the
/// taxonomy can be tested against known ground truth.
/// </summary>
public enum ScriptedVariant
{
    /// <summary>Solves the task.</summary>
    Expert,
    /// <summary>Relaxes its grip while carrying the block: DROPPED_DURING_TRANSPORT.</summary>
    WeakGrip,
    /// <summary>Closes the jaws 4 cm beside the block: NEVER_PICKED_UP.</summary>
    MissGrasp,
    /// <summary>Places the block on the table away from the bowl: MISSED_GOAL.</summary>
    WrongGoal,
    /// <summary>Freezes after lifting the block: TIMEOUT.</summary>
    Stall,
}

public static class ScriptedVariants
{
    public static readonly IReadOnlyDictionary<string, ScriptedVariant> ByName = new Dictionary<string, ScriptedVariant>
    {
        ["scripted"] = ScriptedVariant.Expert,
        ["scripted:weak-grip"] = ScriptedVariant.WeakGrip,
        ["scripted:miss-grasp"] = ScriptedVariant.MissGrasp,
        ["scripted:wrong-goal"] = ScriptedVariant.WrongGoal,
        ["scripted:stall"] = ScriptedVariant.Stall,
    };

    public static string NameOf(ScriptedVariant v) => ByName.First(kv => kv.Value == v).Key;

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["scripted"] = "the expert: solves the task from privileged state",
        ["scripted:weak-grip"] = "opens its grip half way through the carry (fails as a drop)",
        ["scripted:miss-grasp"] = "closes the jaws beside the object (never picks it up)",
        ["scripted:wrong-goal"] = "puts the object down away from the goal (missed goal)",
        ["scripted:stall"] = "freezes after lifting the object (timeout while holding it)",
    };
}
