using System.Globalization;
using Harness.Core.Tasks;
using Harness.Sim.Experts;
using Harness.Sim.Native;
using Harness.Sim.Scenes;
using Harness.Sim.Tasks.PickPlace;

namespace Harness.Sim.Tasks;

/// <summary>
/// <c>task.type: pick-place</c>: pick up an object (task.object: body, geom) and place it in a goal
/// (task.goal: body), watched through the package's first gripper, labelled with the goal's and the
/// table's geometry and the thresholds in task.parameters (<see cref="PickPlaceParametersSection"/>).
/// Offers the generic scripted expert and its fault variants, configured by the package's
/// <c>expert:</c> section.
/// </summary>
public sealed class PickPlaceTaskType : ISceneTaskType
{
    public string Name => "pick-place";

    public TaskSchema Schema => PickPlaceSchema.Generic;

    public TaskBinding? Bind(TaskBindingContext c)
    {
        int before = c.Problems.Count;
        void P(string key, string msg) => c.Problems.Add(new(c.File, key, msg));
        string? Text(IReadOnlyDictionary<string, object>? section, string key) =>
            section is not null && section.TryGetValue(key, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

        var obj = c.Task.Object;
        var goal = c.Task.Goal;
        string? objectBody = Text(obj, "body"), objectGeom = Text(obj, "geom"), goalBody = Text(goal, "body");
        if (obj is null) P("task.object", "missing; expected the object to pick: {body: NAME, geom: NAME}.");
        if (goal is null) P("task.goal", "missing; expected the goal to place it in: {body: NAME}.");
        foreach (var k in (obj?.Keys.AsEnumerable() ?? []).Where(k => k is not ("body" or "geom" or "joint"))) P($"task.object.{k}", "unknown key; expected body, geom (and joint).");
        foreach (var k in (goal?.Keys.AsEnumerable() ?? []).Where(k => k is not "body")) P($"task.goal.{k}", "unknown key; expected body.");
        int objBody = obj is null ? -1 : c.Names.Require(MjObject.Body, objectBody, "task.object.body");
        int objGeom = obj is null ? -1 : c.Names.Require(MjObject.Geom, objectGeom, "task.object.geom");
        if (goal is not null) c.Names.Require(MjObject.Body, goalBody, "task.goal.body");
        if (c.Grippers.Count == 0) P("robot.grippers", "the pick-place task watches a gripper; declare one (tool_site, fixed_jaw, moving_jaw, bodies).");
        if (objGeom >= 0 && objBody >= 0 && c.Model.GeomBody(objGeom) != objBody)
            P("task.object.geom", $"geom '{objectGeom}' does not belong to body '{objectBody}'.");

        var g = c.Grippers.Count > 0 ? c.Grippers[0] : null;
        if (g is not null && g.Element is null) P("robot.grippers[0].element", "the pick-place task reads the gripper command; name the gripper's state/action element.");
        var settings = PickPlaceExpertSettings.Parse(c.Expert, P);
        PickPlaceParameters? parameters = null;
        if (g is not null && objGeom >= 0)
        {
            var named = new PickPlaceParameters
            {
                ObjectBody = objectBody!, ObjectGeoms = [objectGeom!], GoalBody = goalBody ?? "",
                GripperBodies = g.Bodies, FixedJawGeomPrefixes = g.FixedJaw, MovingJawGeomPrefixes = g.MovingJaw, ToolSite = g.ToolSite, GripperActionKey = g.Element ?? "",
                // Lifts are measured from the object resting on its geom's half height (boxes), unless task.parameters.rest_height_m says otherwise.
                ObjectRestHeightM = c.Model.GeomSize(objGeom)[2],
                GoalRadiusM = double.NaN, GoalMaxHeightM = double.NaN, TableTopZ = double.NaN,
                TableX = new AxisRange(double.NaN, double.NaN), TableY = new AxisRange(double.NaN, double.NaN),
            };
            parameters = PickPlaceParametersSection.Apply(named, c.Task.Parameters, P);
        }
        if (c.Problems.Count > before || parameters is null) return null;

        string prompt = c.Task.Prompt ?? "";
        var elements = c.Elements.Select(e => e.Spec).ToArray();
        return new TaskBinding(PickPlaceSchema.For(parameters),
            model => new PickPlaceTask(model, parameters, prompt, elements),
            scene => new SceneExperts(
                [.. ScriptedVariants.ByName.Keys, .. scene.EndEffector is null ? Array.Empty<string>() : [PickPlaceExpert.EndEffectorName]],
                (variant, chunk) => variant == PickPlaceExpert.EndEffectorName
                    ? new PickPlaceExpert(scene, settings!, objectBody!, goalBody!, ScriptedVariant.Expert, chunk, scene.EndEffector)
                    : new PickPlaceExpert(scene, settings!, objectBody!, goalBody!, ScriptedVariants.ByName[variant], chunk),
                new Dictionary<string, string>(ScriptedVariants.Descriptions)
                {
                    [PickPlaceExpert.EndEffectorName] = "the expert emitting tool poses + gripper (end-effector actions, ee:rpy), turned into joints by the arm's IK",
                }));
    }
}
