using System.Globalization;
using Harness.Core.Tasks;
using Harness.Sim.Experts;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Sim.Tasks.Handover;

/// <summary>
/// <c>task.type: transfer-cube</c>: one gripper (task.parameters.giver) picks the object
/// (task.object: body, geom) up and hands it to another (task.parameters.receiver), which holds it
/// lifted. Parameters name the table's body and top height and each gripper's arm (its root body).
/// Offers the bimanual scripted expert and one fault variant per failure class, configured by the
/// package's <c>expert:</c> section.
/// </summary>
public sealed class TransferCubeTaskType : ISceneTaskType
{
    private static readonly string[] ParameterKeys = ["giver", "receiver", "table_body", "table_top_z", "arms"];

    public string Name => HandoverSchema.TaskName;

    public TaskSchema Schema => HandoverSchema.Generic;

    public TaskBinding? Bind(TaskBindingContext c)
    {
        int before = c.Problems.Count;
        void P(string key, string msg) => c.Problems.Add(new(c.File, key, msg));
        static string? Text(IReadOnlyDictionary<string, object>? section, string key) =>
            section is not null && section.TryGetValue(key, out var v) && v is not IDictionary<object, object> ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

        var obj = c.Task.Object;
        var par = c.Task.Parameters;
        if (obj is null) P("task.object", "missing; expected the object handed over: {body: NAME, geom: NAME}.");
        foreach (var k in (obj?.Keys.AsEnumerable() ?? []).Where(k => k is not ("body" or "geom"))) P($"task.object.{k}", "unknown key; expected body and geom.");
        if (c.Task.Goal is not null) P("task.goal", "a handover has no goal region; remove it (the receiver holds the object lifted).");
        if (par is null) { P("task.parameters", $"missing; expected {string.Join(", ", ParameterKeys)}."); return null; }
        foreach (var k in par.Keys.Where(k => !ParameterKeys.Contains(k))) P($"task.parameters.{k}", $"unknown key; expected {string.Join(", ", ParameterKeys)}.");

        string? objectBody = Text(obj, "body"), objectGeom = Text(obj, "geom");
        int body = obj is null ? -1 : c.Names.Require(MjObject.Body, objectBody, "task.object.body");
        int geom = obj is null ? -1 : c.Names.Require(MjObject.Geom, objectGeom, "task.object.geom");
        if (body >= 0 && geom >= 0 && c.Model.GeomBody(geom) != body) P("task.object.geom", $"geom '{objectGeom}' does not belong to body '{objectBody}'.");

        string? tableBody = Text(par, "table_body");
        c.Names.Require(MjObject.Body, tableBody, "task.parameters.table_body");
        double tableTop = 0;
        if (!double.TryParse(Text(par, "table_top_z"), NumberStyles.Float, CultureInfo.InvariantCulture, out tableTop))
            P("task.parameters.table_top_z", $"expected the table top's height (m, world frame); found '{Text(par, "table_top_z") ?? "(missing)"}'.");

        var arms = par.TryGetValue("arms", out var a) && a is IDictionary<object, object> map
            ? map.ToDictionary(kv => Convert.ToString(kv.Key, CultureInfo.InvariantCulture)!, kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture))
            : null;
        if (arms is null) P("task.parameters.arms", "missing; expected each gripper's arm as its root body, e.g. {left: left_base_link, right: right_base_link}.");
        HandoverGripper? Gripper(string role)
        {
            string? name = Text(par, role);
            var g = c.Grippers.FirstOrDefault(x => x.Name == name);
            if (g is null)
            {
                P($"task.parameters.{role}", $"expected the name of one of robot.grippers ({string.Join(", ", c.Grippers.Select(x => x.Name))}); found '{name ?? "(missing)"}'.");
                return null;
            }
            if (arms is null) return null;
            if (!arms.TryGetValue(g.Name, out var root)) { P("task.parameters.arms", $"no arm for gripper '{g.Name}'; add {g.Name}: ROOT_BODY."); return null; }
            if (c.Names.Require(MjObject.Body, root, $"task.parameters.arms.{g.Name}") < 0) return null;
            if (c.Elements.All(e => e.Spec.Key != g.Element))
            {
                P($"robot.grippers", $"gripper '{g.Name}' names no state/action element (element:); the handover expert opens and closes it through one.");
                return null;
            }
            return new HandoverGripper(g.Name, g.ToolSite, g.FixedJaw, g.MovingJaw, root!);
        }
        var giver = Gripper("giver");
        var receiver = Gripper("receiver");
        if (giver is not null && receiver is not null && giver.Name == receiver.Name)
            P("task.parameters.receiver", $"the receiver must be another gripper than the giver ('{giver.Name}').");

        var settings = HandoverExpertSettings.Parse(c.Expert, P);
        if (c.Problems.Count > before || giver is null || receiver is null) return null;

        var parameters = new HandoverParameters
        {
            ObjectBody = objectBody!,
            ObjectGeom = objectGeom!,
            Giver = giver,
            Receiver = receiver,
            TableBody = tableBody!,
            TableTopZ = tableTop,
            // The object rests on its geom's half height (a box).
            ObjectRestHeightM = c.Model.GeomSize(geom)[2],
        };
        string prompt = c.Task.Prompt ?? "";
        return new TaskBinding(HandoverSchema.For(parameters),
            model => new HandoverTask(model, parameters, prompt),
            scene => new SceneExperts(
                HandoverVariants.ByName.Keys.ToArray(),
                (variant, chunk) => new HandoverExpert(scene, settings!, objectBody!, giver.Name, receiver.Name, HandoverVariants.ByName[variant], chunk),
                HandoverVariants.Descriptions));
    }
}
