using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Core.Whiskers;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Tasks.PickPlace;

/// <summary>
/// Pick-and-place for any arm with a two-jaw gripper: feeds the monitor from the model's contacts
/// and poses after every step, reading everything through the names in
/// <see cref="PickPlaceParameters"/>. The scene's layout places the object and its privileged state
/// publishes the poses, so this class only watches.
/// </summary>
public sealed class PickPlaceTask : ISceneTask
{
    private readonly PickPlaceParameters _p;
    private readonly int _objectBody, _goalBody, _toolSite, _gripperAction;
    private readonly GripperSense _gripperSense;
    private readonly HashSet<int> _objectGeoms, _fixedJaw, _movingJaw, _gripper;
    private readonly PickPlaceMonitor _monitor;

    /// <param name="elements">The robot's state/action elements (the gripper's index and open/closed sense come from them).</param>
    public PickPlaceTask(MjModel model, PickPlaceParameters parameters, string taskText, IReadOnlyList<JointSpec> elements)
    {
        _p = parameters;
        TaskText = taskText;
        _objectBody = model.RequireId(MjObject.Body, _p.ObjectBody);
        _goalBody = model.RequireId(MjObject.Body, _p.GoalBody);
        _toolSite = model.RequireId(MjObject.Site, _p.ToolSite);
        _objectGeoms = _p.ObjectGeoms.Select(g => model.RequireId(MjObject.Geom, g)).ToHashSet();
        _fixedJaw = GeomsWithPrefix(model, _p.FixedJawGeomPrefixes, "fixed jaw");
        _movingJaw = GeomsWithPrefix(model, _p.MovingJawGeomPrefixes, "moving jaw");
        var gripperBodies = _p.GripperBodies.Select(b => model.RequireId(MjObject.Body, b)).ToHashSet();
        _gripper = Enumerable.Range(0, model.NGeom).Where(g => gripperBodies.Contains(model.GeomBody(g))).ToHashSet();
        _gripper.UnionWith(_fixedJaw);
        _gripper.UnionWith(_movingJaw);

        _gripperAction = elements.Select((j, i) => (j, i)).Where(x => x.j.Key == _p.GripperActionKey).Select(x => x.i).DefaultIfEmpty(-1).First();
        if (_gripperAction < 0)
            throw new ArgumentException($"pick-and-place reads the gripper command from action element '{_p.GripperActionKey}', but the robot's elements are: " +
                                        $"{string.Join(", ", elements.Select(j => j.Key))}; name the gripper's element (robot.grippers[].element).");
        _gripperSense = elements[_gripperAction] is { Kind: JointKind.Gripper, Gripper: { } sense } ? sense
            : throw new ArgumentException($"action element '{_p.GripperActionKey}' is not a gripper with an open/closed sense (kind {elements[_gripperAction].Kind}); " +
                                          "describe it as kind: gripper with open and closed values in robot.joints.");

        _monitor = new PickPlaceMonitor(_p);
        Schema = PickPlaceSchema.For(_p);
    }

    public PickPlaceParameters Parameters => _p;
    public string TaskText { get; }
    public TaskSchema Schema { get; }
    public IReadOnlyList<FeatureSpec> Features => [];
    public IReadOnlyList<PickPlaceEvent> Events => _monitor.Events;

    public void Reset(MjData data, int seed) => _monitor.Reset();

    public void AddObservation(MjData data, IDictionary<string, double[]> vectors) { }

    public bool Update(MjData data, int step, double time, ReadOnlySpan<double> appliedAction)
    {
        bool fixedJaw = false, movingJaw = false, gripper = false, support = false;
        int n = data.ContactCount;
        for (int i = 0; i < n; i++)
        {
            var c = data.Contact(i);
            int other = _objectGeoms.Contains(c.Geom1) ? c.Geom2 : _objectGeoms.Contains(c.Geom2) ? c.Geom1 : -1;
            if (other < 0) continue;
            fixedJaw |= _fixedJaw.Contains(other);
            movingJaw |= _movingJaw.Contains(other);
            bool isGripper = _gripper.Contains(other);
            gripper |= isGripper;
            support |= !isGripper;
        }
        var goal = data.BodyPos(_goalBody);
        double opening = appliedAction.Length > _gripperAction
            ? (appliedAction[_gripperAction] - _gripperSense.Closed) / (_gripperSense.Open - _gripperSense.Closed)
            : double.NaN;
        return _monitor.Update(new PickPlaceFrame(time, Point3.From(data.BodyPos(_objectBody)), Point3.From(data.SitePos(_toolSite)),
            goal[0], goal[1], fixedJaw, movingJaw, gripper, support, opening));
    }

    public TaskOutcome Conclude(EpisodeEnd end) => _monitor.Conclude(end);

    private static HashSet<int> GeomsWithPrefix(MjModel model, IReadOnlyList<string> prefixes, string what)
    {
        var ids = Enumerable.Range(0, model.NGeom)
            .Where(g => model.Name(MjObject.Geom, g) is { } name && prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            .ToHashSet();
        if (ids.Count == 0)
            throw new ArgumentException($"no geom of model '{Path.GetFileName(model.Source)}' is named like the {what} ({string.Join(", ", prefixes.Select(p => p + "*"))}); " +
                                        $"its geoms are: {string.Join(", ", model.Names(MjObject.Geom))}.");
        return ids;
    }
}
