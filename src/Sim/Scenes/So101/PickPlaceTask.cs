using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Scenes.So101;

/// <summary>The model names a pick-and-place task watches (from the scene package's task section and grippers).</summary>
public sealed record PickPlaceNames(string ObjectBody, string ObjectGeom, string GoalBody,
    IReadOnlyList<string> FixedJaw, IReadOnlyList<string> MovingJaw, IReadOnlyList<string> GripperBodies, double RestHeight);

/// <summary>
/// Pick up the object and place it in the goal: feeds the monitor from contacts and poses every
/// step. Objects are placed by the scene's initial layout, and their poses are published by the
/// scene's privileged state, so this class only watches.
/// </summary>
public sealed class PickPlaceTask : ISceneTask
{
    private readonly int _blockBody, _bowlBody, _blockGeom;
    private readonly HashSet<int> _fixedJaw, _movingJaw, _gripper;
    private readonly PickPlaceMonitor _monitor = new();
    private readonly double _rest;

    public PickPlaceTask(MjModel model, PickPlaceNames names, string text)
    {
        TaskText = text;
        _blockBody = model.RequireId(MjObject.Body, names.ObjectBody);
        _bowlBody = model.RequireId(MjObject.Body, names.GoalBody);
        _blockGeom = model.RequireId(MjObject.Geom, names.ObjectGeom);
        _fixedJaw = Geoms(model, names.FixedJaw);
        _movingJaw = Geoms(model, names.MovingJaw);
        var bodies = names.GripperBodies.Select(b => model.RequireId(MjObject.Body, b)).ToHashSet();
        _gripper = Enumerable.Range(0, model.NGeom).Where(g => bodies.Contains(model.GeomBody(g))).Concat(_fixedJaw).Concat(_movingJaw).ToHashSet();
        _rest = names.RestHeight;
    }

    private static HashSet<int> Geoms(MjModel model, IReadOnlyList<string> names) =>
        Enumerable.Range(0, model.NGeom).Where(g => model.Name(MjObject.Geom, g) is { } n && names.Any(p => n == p || n.StartsWith(p, StringComparison.Ordinal))).ToHashSet();

    public string TaskText { get; }
    public TaskSchema Schema => PickPlaceSchema.Schema;
    public IReadOnlyList<FeatureSpec> Features => [];

    public void Reset(MjData data, int seed) => _monitor.Reset(_rest);

    public void AddObservation(MjData data, IDictionary<string, double[]> vectors) { }

    public bool Update(MjData data, int step, double time, ReadOnlySpan<double> appliedAction)
    {
        bool fixedJaw = false, movingJaw = false, gripper = false;
        int n = data.ContactCount;
        for (int i = 0; i < n; i++)
        {
            var c = data.Contact(i);
            int other = c.Geom1 == _blockGeom ? c.Geom2 : c.Geom2 == _blockGeom ? c.Geom1 : -1;
            if (other < 0) continue;
            fixedJaw |= _fixedJaw.Contains(other);
            movingJaw |= _movingJaw.Contains(other);
            gripper |= _gripper.Contains(other);
        }
        var p = data.BodyPos(_blockBody);
        var b = data.BodyPos(_bowlBody);
        return _monitor.Update(new PickPlaceFrame(time, p[0], p[1], p[2], fixedJaw, movingJaw, gripper, b[0], b[1]));
    }

    public TaskOutcome Conclude(EpisodeEnd end) => _monitor.Conclude(end);
}
