using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Core.Whiskers;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Tasks.Handover;

/// <summary>
/// A bimanual handover: feeds the monitor from the model's contacts after every control step (which
/// parts of each gripper touch the cube, whether it touches the table, whether the two arms touch),
/// reading everything through the names in <see cref="HandoverParameters"/>. The cube is placed by the
/// scene's layout and published by its privileged state, so this class only watches.
/// </summary>
public sealed class HandoverTask : ISceneTask
{
    private readonly int _cubeBody, _cubeGeom, _giverSite, _receiverSite;
    private readonly HashSet<int> _giverFirst, _giverSecond, _giverArm, _receiverFirst, _receiverSecond, _receiverArm, _table;
    private readonly HandoverMonitor _monitor;

    public HandoverTask(MjModel model, HandoverParameters parameters, string text)
    {
        TaskText = text;
        _cubeBody = model.RequireId(MjObject.Body, parameters.ObjectBody);
        _cubeGeom = model.RequireId(MjObject.Geom, parameters.ObjectGeom);
        _giverSite = model.RequireId(MjObject.Site, parameters.Giver.ToolSite);
        _receiverSite = model.RequireId(MjObject.Site, parameters.Receiver.ToolSite);
        _giverFirst = GeomsNamed(model, parameters.Giver.FirstJaw);
        _giverSecond = GeomsNamed(model, parameters.Giver.SecondJaw);
        _giverArm = GeomsUnder(model, parameters.Giver.ArmRoot);
        _receiverFirst = GeomsNamed(model, parameters.Receiver.FirstJaw);
        _receiverSecond = GeomsNamed(model, parameters.Receiver.SecondJaw);
        _receiverArm = GeomsUnder(model, parameters.Receiver.ArmRoot);
        int table = model.RequireId(MjObject.Body, parameters.TableBody);
        _table = Enumerable.Range(0, model.NGeom).Where(g => model.GeomBody(g) == table).ToHashSet();
        _monitor = new HandoverMonitor(parameters);
        Schema = HandoverSchema.For(parameters);
    }

    public string TaskText { get; }
    public TaskSchema Schema { get; }
    public IReadOnlyList<FeatureSpec> Features => [];
    public IReadOnlyList<HandoverEvent> Events => _monitor.Events;
    public HandoverMonitor Monitor => _monitor;

    public void Reset(MjData data, int seed) => _monitor.Reset();

    public void AddObservation(MjData data, IDictionary<string, double[]> vectors) { }

    public bool Update(MjData data, int step, double time, ReadOnlySpan<double> appliedAction) =>
        _monitor.Update(Frame(data, time));

    /// <summary>The monitor's view of a simulator state.</summary>
    public HandoverFrame Frame(MjData data, double time)
    {
        bool gFirst = false, gSecond = false, gArm = false, rFirst = false, rSecond = false, rArm = false, table = false, arms = false;
        int n = data.ContactCount;
        for (int i = 0; i < n; i++)
        {
            var c = data.Contact(i);
            int other = c.Geom1 == _cubeGeom ? c.Geom2 : c.Geom2 == _cubeGeom ? c.Geom1 : -1;
            if (other < 0)
            {
                arms |= (_giverArm.Contains(c.Geom1) && _receiverArm.Contains(c.Geom2)) || (_giverArm.Contains(c.Geom2) && _receiverArm.Contains(c.Geom1));
                continue;
            }
            bool gf = _giverFirst.Contains(other), gs = _giverSecond.Contains(other), rf = _receiverFirst.Contains(other), rs = _receiverSecond.Contains(other);
            gFirst |= gf;
            gSecond |= gs;
            gArm |= _giverArm.Contains(other) && !gf && !gs;
            rFirst |= rf;
            rSecond |= rs;
            rArm |= _receiverArm.Contains(other) && !rf && !rs;
            table |= _table.Contains(other);
        }
        return new HandoverFrame(time, Point3.From(data.BodyPos(_cubeBody)),
            new GripperFrame(gFirst, gSecond, gArm, Point3.From(data.SitePos(_giverSite))),
            new GripperFrame(rFirst, rSecond, rArm, Point3.From(data.SitePos(_receiverSite))),
            table, arms);
    }

    public TaskOutcome Conclude(EpisodeEnd end) => _monitor.Conclude(end);

    private static HashSet<int> GeomsNamed(MjModel model, IReadOnlyList<string> prefixes) =>
        Enumerable.Range(0, model.NGeom)
            .Where(g => model.Name(MjObject.Geom, g) is { } name && prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            .ToHashSet();

    /// <summary>Every geom of the bodies in the subtree of <paramref name="root"/>.</summary>
    public static HashSet<int> GeomsUnder(MjModel model, string root)
    {
        int r = model.RequireId(MjObject.Body, root);
        bool Under(int b)
        {
            for (; b > 0; b = model.BodyParent(b)) if (b == r) return true;
            return false;
        }
        return Enumerable.Range(0, model.NGeom).Where(g => Under(model.GeomBody(g))).ToHashSet();
    }
}
