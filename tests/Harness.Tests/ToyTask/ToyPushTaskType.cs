using System.Globalization;
using Harness.Core.Tasks;
using Harness.Sim.Native;
using Harness.Sim.Tasks;

namespace Harness.Tests.ToyTask;

/// <summary>
/// <c>task.type: toy-push</c>: reads <c>task.parameters</c> (puck_joint, zone [min, max] and the
/// puck's start range, metres along the rail) and builds a <see cref="ToyPushTask"/> on the model.
/// </summary>
public sealed class ToyPushTaskType : ISceneTaskType
{
    public string Name => "toy-push";

    public TaskSchema Schema => ToyPushTask.Schema;

    public TaskBinding? Bind(TaskBindingContext c)
    {
        int before = c.Problems.Count;
        var p = c.Task.Parameters ?? new Dictionary<string, object>();
        string? joint = p.TryGetValue("puck_joint", out var j) ? Convert.ToString(j, CultureInfo.InvariantCulture) : null;
        c.Names.Require(MjObject.Joint, joint, "task.parameters.puck_joint");
        var zone = Range(p, "zone", c);
        var start = Range(p, "start", c);
        if (c.Problems.Count > before || zone is null || start is null) return null;
        return new TaskBinding(ToyPushTask.Schema, model => new ToyPushTask(model, joint!, c.Task.Prompt ?? "", zone.Value, start.Value), null);
    }

    private static (double Min, double Max)? Range(Dictionary<string, object> p, string key, TaskBindingContext c)
    {
        if (p.TryGetValue(key, out var v) && v is List<object> { Count: 2 } l
            && double.TryParse(Convert.ToString(l[0], CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out double lo)
            && double.TryParse(Convert.ToString(l[1], CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out double hi) && lo < hi)
            return (lo, hi);
        c.Problems.Add(new(c.File, $"task.parameters.{key}", "expected [min, max] in metres along the rail, min < max."));
        return null;
    }
}
