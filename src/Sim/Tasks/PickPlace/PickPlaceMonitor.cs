using System.Globalization;
using Harness.Core.Tasks;
using Harness.Core.Whiskers;

namespace Harness.Sim.Tasks.PickPlace;

/// <summary>
/// Turns frames into grasp events and an outcome, with no simulator in sight (so every rule can be
/// checked on hand-made frames). The definitions are those of <see cref="PickPlaceSchema"/> and the
/// README: a grasp is acquired when both jaws touch the object and lost after
/// <see cref="PickPlaceParameters.ReleaseSteps"/> steps without both; a grasp becomes a pick once
/// the object was held at least <see cref="PickPlaceParameters.LiftM"/> above rest for
/// <see cref="PickPlaceParameters.PickSteps"/> steps; a lost pick is judged by how the object got to
/// where it landed (first touch of anything but the gripper): a drop if it fell, travelled or left
/// the table, else a placement. Success is a property of the resting state alone.
/// </summary>
public sealed class PickPlaceMonitor(PickPlaceParameters parameters)
{
    private readonly PickPlaceParameters _p = parameters;
    private readonly List<PickPlaceEvent> _events = [];

    // The whole episode.
    private int _steps, _inGoalRun, _picks;
    private PickPlaceFrame _last;
    private double _maxHeight, _closestTool, _pathLength, _firstContact, _firstPick;
    private bool _gripperCommandSeen, _gripperClosed, _everHeld, _leftTable, _anyDrop;

    // The grasp in progress (debounced: it survives fewer than ReleaseSteps steps without both jaws).
    private bool _inGrasp, _graspIsPick;
    private int _notHeldRun, _liftRun, _lastHeldStep;
    private double _liftRunStart;
    private PickPlaceFrame _lastHeld;

    // Since the last step both jaws held the object: where it first touched support, the lowest it got before.
    private Point3? _landedAt;
    private bool _landedInGoal;
    private int _landedStep;
    private double _landedTime, _lowestSinceHeld;

    // The most recent pick that ended, and how it ended (null while its object has not landed yet).
    private PickLoss? _lastPickLoss;

    public PickPlaceParameters Parameters => _p;

    /// <summary>The events so far, in order.</summary>
    public IReadOnlyList<PickPlaceEvent> Events => _events;

    public void Reset()
    {
        _events.Clear();
        _steps = _inGoalRun = _picks = 0;
        _last = default;
        _maxHeight = _closestTool = _pathLength = 0;
        _firstContact = _firstPick = double.NaN;
        _gripperCommandSeen = _gripperClosed = _everHeld = _leftTable = _anyDrop = false;
        _inGrasp = _graspIsPick = false;
        _notHeldRun = _liftRun = _lastHeldStep = 0;
        _liftRunStart = 0;
        _lastHeld = default;
        _landedAt = null;
        _landedInGoal = false;
        _landedStep = 0;
        _landedTime = _lowestSinceHeld = 0;
        _lastPickLoss = null;
    }

    /// <summary>True once the object rested in the goal, not held, for SuccessSteps consecutive steps.</summary>
    public bool Succeeded => _inGoalRun >= _p.SuccessSteps;

    /// <summary>True once the object left the table.</summary>
    public bool LeftTable => _leftTable;

    /// <summary>Feeds one control step; returns true when the episode is over (success, or the object left the table).</summary>
    public bool Update(in PickPlaceFrame f)
    {
        _steps++;
        var obj = f.Object;
        double height = HeightAboveRest(obj);
        double toolDistance = obj.DistanceTo(f.Tool);
        _maxHeight = _steps == 1 ? height : Math.Max(_maxHeight, height);
        _closestTool = _steps == 1 ? toolDistance : Math.Min(_closestTool, toolDistance);
        if (_steps > 1) _pathLength += f.Tool.DistanceTo(_last.Tool);
        if (!double.IsNaN(f.GripperOpening))
        {
            _gripperCommandSeen = true;
            _gripperClosed |= f.GripperOpening <= _p.GripperClosedFraction;
        }
        if (f.TouchesGripper && double.IsNaN(_firstContact))
        {
            _firstContact = f.Time;
            Add(PickPlaceEventKind.FirstContact, f, $"the gripper first touched the {Obj} at {f.Time.ToString("0.00", Inv)} s");
        }

        if (f.Held) OnHeld(f, height);
        else OnNotHeld(f);

        if (!f.Held && !_leftTable && obj.Z < _p.TableTopZ && !(_p.TableX.Contains(obj.X) && _p.TableY.Contains(obj.Y)))
        {
            // Nothing can bring it back: the grasp (if any) is over, an unlanded pick was a drop.
            if (_inGrasp) LoseGrasp();
            if (_lastPickLoss is { Judgement: null } pending) Settle(pending, leftTable: _landedAt is null, f);
            _leftTable = true;
            Add(PickPlaceEventKind.LeftTable, f, $"the {Obj} left the table {Cm(f.GoalDistance)} cm from the {Goal} centre");
        }

        _inGoalRun = InGoal(f) ? _inGoalRun + 1 : 0;
        _last = f;
        return Succeeded || _leftTable;
    }

    private void OnHeld(in PickPlaceFrame f, double height)
    {
        if (!_inGrasp)
        {
            // A pick whose object was caught again before it landed is judged by its fall so far.
            if (_lastPickLoss is { Judgement: null } pending) Settle(pending, leftTable: false, f);
            _inGrasp = true;
            _graspIsPick = false;
            _everHeld = true;
            Add(PickPlaceEventKind.GraspAcquired, f, $"grasp acquired {Cm(height)} cm above the table and {Cm(f.GoalDistance)} cm from the {Goal} centre");
        }
        _notHeldRun = 0;
        _lastHeld = f;
        _lastHeldStep = _steps;
        _landedAt = null;
        _lowestSinceHeld = f.Object.Z;

        if (height >= _p.LiftM)
        {
            if (_liftRun++ == 0) _liftRunStart = f.Time;
            if (_liftRun >= _p.PickSteps && !_graspIsPick)
            {
                _graspIsPick = true;
                _picks++;
                if (double.IsNaN(_firstPick)) _firstPick = _liftRunStart;
                Add(PickPlaceEventKind.PickedUp, f, $"picked up: held {Cm(height)} cm above the table for {_p.PickSteps} steps");
            }
        }
        else _liftRun = 0;
    }

    private void OnNotHeld(in PickPlaceFrame f)
    {
        _liftRun = 0;
        if (_landedAt is null)
        {
            if (f.TouchesSupport) (_landedAt, _landedInGoal, _landedStep, _landedTime) = (f.Object, InGoal(f), _steps, f.Time);
            else _lowestSinceHeld = Math.Min(_lowestSinceHeld, f.Object.Z);
        }
        if (_inGrasp && ++_notHeldRun >= _p.ReleaseSteps) LoseGrasp();
        if (_landedAt is not null && _lastPickLoss is { Judgement: null } pending) Settle(pending, leftTable: false, f);
    }

    private void LoseGrasp()
    {
        _inGrasp = false;
        var at = _lastHeld;
        _events.Add(new PickPlaceEvent(PickPlaceEventKind.GraspLost, _lastHeldStep, at.Time, at.Object,
            $"grasp lost {Cm(HeightAboveRest(at.Object))} cm above the table and {Cm(at.GoalDistance)} cm from the {Goal} centre"));
        if (_graspIsPick) _lastPickLoss = new PickLoss(at.Object, at.GoalDistance);
    }

    // Judges a lost pick once its object landed, left the table or was grasped again (before landing).
    private void Settle(PickLoss loss, bool leftTable, in PickPlaceFrame now)
    {
        var j = Judge(loss, _landedAt, _landedInGoal, _lowestSinceHeld, now.Object, leftTable);
        loss.Judgement = j;
        _anyDrop |= j.Drop;
        bool landed = _landedAt is not null;
        _events.Add(new PickPlaceEvent(PickPlaceEventKind.Landed, landed ? _landedStep : _steps, landed ? _landedTime : now.Time, j.End,
            j.LeftTable ? $"the {Obj} fell off the table before landing anywhere (a drop)"
            : $"the {Obj} {(j.IntoGoal ? $"landed in the {Goal}" : landed ? "landed" : "was grasped again")} {Cm(j.Fall)} cm below and {Cm(j.Travel)} cm from where the grasp was lost " +
              $"({(j.Drop ? "a drop" : "a placement")})"));
    }

    // The rule for a lost pick: where the object first landed and how it got there. Landing in the
    // goal is a placement into it, however far it fell; elsewhere a fall, a throw or leaving the table is a drop.
    private Judgement Judge(PickLoss loss, Point3? landed, bool landedInGoal, double lowestZ, Point3 now, bool leftTable)
    {
        var end = landed ?? now;
        double fall = loss.At.Z - (landed?.Z ?? Math.Min(lowestZ, now.Z));
        double travel = Horizontal(loss.At, end);
        bool intoGoal = landed is not null && landedInGoal;
        bool offTable = landed is null && leftTable;
        bool drop = !intoGoal && (offTable || fall >= _p.DropHeightM || travel >= _p.PlaceTravelM);
        return new Judgement(drop, fall, travel, end, offTable, intoGoal);
    }

    // In the goal: not held, centre inside the goal radius and below its height.
    private bool InGoal(in PickPlaceFrame f) =>
        !f.Held && f.GoalDistance < _p.GoalRadiusM && f.Object.Z - _p.TableTopZ < _p.GoalMaxHeightM;

    /// <summary>The episode's class, metrics and a sentence stating the event behind the class. Does not change the monitor.</summary>
    public TaskOutcome Conclude(EpisodeEnd end)
    {
        if (_steps == 0)
            return new TaskOutcome(PickPlaceSchema.NeverPickedUp, new Dictionary<string, double>(), "the episode ended before its first step");

        var last = _last;
        // A pick whose object is still in the air at the end is judged by its fall so far.
        var lastLoss = _lastPickLoss is null ? null
            : _lastPickLoss.Judgement ?? Judge(_lastPickLoss, _landedAt, _landedInGoal, _lowestSinceHeld, last.Object, leftTable: false);
        bool anyDrop = _anyDrop || (_lastPickLoss is { Judgement: null } && lastLoss!.Drop);

        // Details state the event behind the label; no commas, so episodes.csv stays easy to cut.
        string label, detail;
        string ended = _leftTable ? "then it left the table" : $"it ended {Cm(last.GoalDistance)} cm from the {Goal} centre";
        if (_inGoalRun > 0)
        {
            label = OutcomeClass.SuccessLabel;
            string how = _picks == 0 ? "never picked up (pushed in)" : $"first picked up at {_firstPick.ToString("0.00", Inv)} s";
            detail = Succeeded
                ? $"the {Obj} rested in the {Goal} {Cm(last.GoalDistance)} cm from its centre for {_p.SuccessSteps} steps; {how}"
                : $"the {Obj} was in the {Goal} {Cm(last.GoalDistance)} cm from its centre when the episode ended after {end.Steps} steps; {how}";
        }
        else if (_picks == 0)
        {
            label = PickPlaceSchema.NeverPickedUp;
            detail = (double.IsNaN(_firstContact)
                    ? $"the gripper never touched the {Obj} (closest approach {Cm(_closestTool)} cm)"
                    : !_everHeld
                        ? $"the gripper touched the {Obj} but both jaws never held it (highest {Cm(_maxHeight)} cm above the table)"
                        : $"both jaws held the {Obj} but never {Cm(_p.LiftM)} cm above the table for {_p.PickSteps} steps (highest {Cm(_maxHeight)} cm)")
                + (_leftTable ? $"; the {Obj} was pushed off the table" : "");
        }
        else if (_inGrasp)
        {
            label = PickPlaceSchema.Timeout;
            detail = $"{(end.ReachedStepLimit ? "step limit reached" : "episode ended")} after {end.Steps} steps with the {Obj} held " +
                     $"{Cm(HeightAboveRest(last.Object))} cm above the table and {Cm(last.GoalDistance)} cm from the {Goal} centre";
        }
        else if (lastLoss!.Drop)
        {
            label = PickPlaceSchema.DroppedDuringTransport;
            var loss = _lastPickLoss!;
            detail = $"grasp lost {Cm(HeightAboveRest(loss.At))} cm above the table and {Cm(loss.GoalDistance)} cm from the {Goal} centre; " +
                     (lastLoss.LeftTable ? $"the {Obj} fell off the table"
                         : $"the {Obj} fell {Cm(lastLoss.Fall)} cm" + (lastLoss.Travel >= _p.PlaceTravelM ? $" and landed {Cm(lastLoss.Travel)} cm away" : "") + $"; {ended}");
        }
        else
        {
            label = PickPlaceSchema.MissedGoal;
            var loss = _lastPickLoss!;
            detail = (lastLoss.IntoGoal
                         ? $"the {Obj} landed in the {Goal} {Cm(GoalDistance(lastLoss.End, last))} cm from its centre and left it"
                         : $"the {Obj} was set down {Cm(GoalDistance(lastLoss.End, last))} cm from the {Goal} centre") +
                     $" (grasp lost {Cm(HeightAboveRest(loss.At))} cm above the table); {ended}";
        }

        var metrics = new Dictionary<string, double>
        {
            [PickPlaceSchema.PickedUp] = _picks > 0 ? 1 : 0,
            [PickPlaceSchema.Dropped] = anyDrop ? 1 : 0,
            [PickPlaceSchema.MaxObjectHeightM] = _maxHeight,
            [PickPlaceSchema.FinalGoalDistanceM] = last.GoalDistance,
            [PickPlaceSchema.ClosestToolDistanceM] = _closestTool,
            [PickPlaceSchema.LeftTable] = _leftTable ? 1 : 0,
        };
        if (!double.IsNaN(_firstPick)) metrics[PickPlaceSchema.TimeToPickS] = _firstPick;
        if (_gripperCommandSeen) metrics[PickPlaceSchema.GripperClosed] = _gripperClosed ? 1 : 0;
        if (!double.IsNaN(_firstContact)) metrics[PickPlaceSchema.TimeToFirstContactS] = _firstContact;
        if (_steps >= 2) metrics[PickPlaceSchema.ToolPathLengthM] = _pathLength;
        return new TaskOutcome(label, metrics, detail);
    }

    private double HeightAboveRest(Point3 p) => p.Z - _p.TableTopZ - _p.ObjectRestHeightM;

    private static double Horizontal(Point3 a, Point3 b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    private static double GoalDistance(Point3 p, in PickPlaceFrame goalFrom) =>
        Math.Sqrt((p.X - goalFrom.GoalX) * (p.X - goalFrom.GoalX) + (p.Y - goalFrom.GoalY) * (p.Y - goalFrom.GoalY));

    private void Add(PickPlaceEventKind kind, in PickPlaceFrame f, string description) =>
        _events.Add(new PickPlaceEvent(kind, _steps, f.Time, f.Object, description));

    private string Obj => _p.ObjectBody;
    private string Goal => _p.GoalBody;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static string Cm(double m) => (m * 100).ToString("0.0", Inv);

    // Where a pick's grasp was lost; judged once its object landed (or left the table, or was grasped again).
    private sealed class PickLoss(Point3 at, double goalDistance)
    {
        public Point3 At { get; } = at;
        public double GoalDistance { get; } = goalDistance;
        public Judgement? Judgement { get; set; }
    }

    private sealed record Judgement(bool Drop, double Fall, double Travel, Point3 End, bool LeftTable, bool IntoGoal);
}
