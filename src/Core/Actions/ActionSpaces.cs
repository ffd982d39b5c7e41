using Harness.Core.Kinematics;
using Harness.Core.Robots;

namespace Harness.Core.Actions;

/// <summary>
/// Names of action representations as users write them (<c>--action-space</c>, policy.json
/// <c>action_space</c>): <c>joints</c> (absolute joints), <c>delta</c> (offsets from the state at
/// the query), <c>step-delta</c> (each action an offset from the previous one), <c>ee:rpy</c> or
/// <c>ee:rotvec</c> (tool pose in the robot base frame + gripper). Delta kinds leave grippers
/// absolute, as openpi's delta transforms do; <c>delta:all</c> / <c>step-delta:all</c> make them relative too.
/// </summary>
public static class ActionSpaces
{
    public const string AllElements = "all";

    public static IReadOnlyList<string> Forms { get; } = ["joints", "delta", "delta:all", "step-delta", "step-delta:all", "ee:rpy", "ee:rotvec"];

    public static ActionRepresentation Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        int colon = t.IndexOf(':');
        string kind = colon < 0 ? t : t[..colon], detail = colon < 0 ? "" : t[(colon + 1)..];
        return kind switch
        {
            "joints" or "absolute" when detail == "" => ActionRepresentation.AbsoluteJoints,
            "delta" when detail is "" or AllElements => new(ActionKind.DeltaJoints, detail == "" ? null : AllElements),
            "step-delta" when detail is "" or AllElements => new(ActionKind.StepDeltaJoints, detail == "" ? null : AllElements),
            "ee" => new(ActionKind.EndEffectorPose, OrientationConventions.NameOf(OrientationConventions.Parse(detail == "" ? null : detail))),
            _ => throw new ArgumentException($"unknown action space '{text}'; expected one of {string.Join(", ", Forms)}."),
        };
    }

    /// <summary>The name <see cref="Parse"/> reads back (recorded in run.json settings).</summary>
    public static string NameOf(ActionRepresentation r) => r.Kind switch
    {
        ActionKind.AbsoluteJoints => "joints",
        ActionKind.DeltaJoints => r.Convention == AllElements ? "delta:all" : "delta",
        ActionKind.StepDeltaJoints => r.Convention == AllElements ? "step-delta:all" : "step-delta",
        ActionKind.EndEffectorPose => "ee:" + OrientationConventions.NameOf(OrientationConventions.Parse(r.Convention)),
        _ => r.Kind.ToString(),
    };
}
