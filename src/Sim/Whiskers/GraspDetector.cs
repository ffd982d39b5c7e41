using Harness.Sim.Native;

namespace Harness.Sim.Whiskers;

/// <summary>
/// Finds the grasp (first step at which both jaws touch the same movable object) and the release (first
/// later step at which neither jaw touches that object) from the simulator's contacts. Reads
/// contacts only.
/// </summary>
public sealed class GraspDetector
{
    private readonly HashSet<int> _fixed, _moving, _static;
    private int _held = -1;

    public GraspDetector(MjModel model, IReadOnlyList<string> fixedJaw, IReadOnlyList<string> movingJaw)
    {
        var geoms = Enumerable.Range(0, model.NGeom).Select(g => (Id: g, Name: model.Name(MjObject.Geom, g) ?? "")).ToArray();
        bool Match(string name, IReadOnlyList<string> prefixes) => prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
        _fixed = geoms.Where(g => Match(g.Name, fixedJaw)).Select(g => g.Id).ToHashSet();
        _moving = geoms.Where(g => Match(g.Name, movingJaw)).Select(g => g.Id).ToHashSet();
        // Both jaws resting on the table is not a grasp: ignore geoms of the world body.
        _static = geoms.Where(g => model.GeomBody(g.Id) == 0).Select(g => g.Id).ToHashSet();
        Available = _fixed.Count > 0 && _moving.Count > 0;
        Unavailable = Available ? null
            : $"grasp and release moments need jaw geoms named {string.Join("/", fixedJaw)}* and {string.Join("/", movingJaw)}*; model '{Path.GetFileName(model.Source)}' has none for the {(_fixed.Count == 0 ? "fixed" : "moving")} jaw.";
    }

    public bool Available { get; }
    /// <summary>Why detection is off, when it is.</summary>
    public string? Unavailable { get; }
    public int? GraspStep { get; private set; }
    public int? ReleaseStep { get; private set; }

    public void Reset()
    {
        _held = -1;
        GraspStep = ReleaseStep = null;
    }

    /// <summary>Looks at the contacts after <paramref name="step"/> control steps.</summary>
    public void Update(MjData data, int step)
    {
        if (!Available || ReleaseStep is not null) return;
        var touchFixed = new HashSet<int>();
        var touchMoving = new HashSet<int>();
        int n = data.ContactCount;
        for (int i = 0; i < n; i++)
        {
            var c = data.Contact(i);
            Note(c.Geom1, c.Geom2, touchFixed, touchMoving);
            Note(c.Geom2, c.Geom1, touchFixed, touchMoving);
        }
        if (GraspStep is null)
        {
            touchFixed.IntersectWith(touchMoving);
            if (touchFixed.Count > 0)
            {
                GraspStep = step;
                _held = touchFixed.Min();
            }
        }
        else if (!touchFixed.Contains(_held) && !touchMoving.Contains(_held))
            ReleaseStep = step;
    }

    private void Note(int jaw, int other, HashSet<int> touchFixed, HashSet<int> touchMoving)
    {
        if (_fixed.Contains(other) || _moving.Contains(other) || _static.Contains(other)) return; // jaw on jaw is not a grasp
        if (_fixed.Contains(jaw)) touchFixed.Add(other);
        if (_moving.Contains(jaw)) touchMoving.Add(other);
    }
}
