using System.Globalization;
using Harness.Core.Tasks;
using Harness.Core.Whiskers;

namespace Harness.Sim.Tasks.Handover;

/// <summary>
/// Turns frames into grasp events of each gripper and an outcome, with no simulator in sight (so
/// every rule can be checked on hand-made frames). Definitions are those of
/// <see cref="HandoverSchema"/> and the README: a gripper holds the cube when both its jaws touch
/// it; its grasp starts at a held step and is lost after <see cref="HandoverParameters.ReleaseSteps"/>
/// steps without; a giver grasp becomes a pick once the cube was held at least
/// <see cref="HandoverParameters.LiftM"/> above rest for <see cref="HandoverParameters.PickSteps"/>
/// steps; a handover is a step at which both grippers hold the cube; success is the receiver holding
/// it alone, off the table, for <see cref="HandoverParameters.SuccessSteps"/> steps.
/// </summary>
public sealed class HandoverMonitor(HandoverParameters parameters)
{
    private readonly HandoverParameters _p = parameters;
    private readonly List<HandoverEvent> _events = [];
    private readonly Grasp _giver = new(), _receiver = new();
    private int _steps, _maxReward, _aloneRun;
    private HandoverFrame _last;
    private double _maxHeight, _handoverTime = double.NaN, _collisionTime = double.NaN;
    private bool _everTouchedByGiver;
    private double _closestReceiverWhileGiverPicked = double.PositiveInfinity;

    public HandoverParameters Parameters => _p;

    /// <summary>The events so far, in order.</summary>
    public IReadOnlyList<HandoverEvent> Events => _events;

    /// <summary>The gym-aloha reward of the last step.</summary>
    public int Reward { get; private set; }

    public void Reset()
    {
        _events.Clear();
        _giver.Reset();
        _receiver.Reset();
        _steps = _maxReward = _aloneRun = 0;
        _last = default;
        _maxHeight = 0;
        _handoverTime = _collisionTime = double.NaN;
        _everTouchedByGiver = false;
        _closestReceiverWhileGiverPicked = double.PositiveInfinity;
        Reward = 0;
    }

    /// <summary>True once the receiver held the cube alone, off the table, for SuccessSteps consecutive steps.</summary>
    public bool Succeeded => _aloneRun >= _p.SuccessSteps;

    public bool HandoverHappened => !double.IsNaN(_handoverTime);

    /// <summary>Feeds one control step; returns true when the episode is over (a success).</summary>
    public bool Update(in HandoverFrame f)
    {
        _steps++;
        double height = HeightAboveRest(f.Cube);
        _maxHeight = _steps == 1 ? height : Math.Max(_maxHeight, height);
        Reward = TransferCubeReward.Of(f);
        _maxReward = Math.Max(_maxReward, Reward);
        _everTouchedByGiver |= f.Giver.Touches;

        if (f.ArmsTouch && double.IsNaN(_collisionTime))
        {
            _collisionTime = f.Time;
            Add(HandoverEventKind.ArmsCollided, null, f, $"the {_p.Giver.Name} and {_p.Receiver.Name} arms touched at {S(f.Time)} s");
        }

        double receiverDistance = f.Receiver.Tool.DistanceTo(f.Cube);
        Track(_giver, _p.Giver.Name, f.Giver.Held, f, height, receiverDistance, picks: true);
        Track(_receiver, _p.Receiver.Name, f.Receiver.Held, f, height, receiverDistance, picks: false);
        if (_giver.InGrasp && _giver.IsPick) _closestReceiverWhileGiverPicked = Math.Min(_closestReceiverWhileGiverPicked, receiverDistance);

        if (f.Giver.Held && f.Receiver.Held && double.IsNaN(_handoverTime))
        {
            _handoverTime = f.Time;
            Add(HandoverEventKind.Handover, null, f, $"handover: both grippers hold the {Obj} {Cm(height)} cm above the table at {S(f.Time)} s");
        }

        // gym-aloha's stage 4 without the giver: the receiver alone holds the cube off the table.
        bool alone = f.Receiver.Held && !f.Giver.Touches && !f.CubeOnTable;
        _aloneRun = alone ? _aloneRun + 1 : 0;
        _last = f;
        return Succeeded;
    }

    // Picks are the giver's: the receiver takes the cube in the air, where every grasp would count as one.
    private void Track(Grasp g, string name, bool held, in HandoverFrame f, double height, double receiverDistance, bool picks)
    {
        if (held)
        {
            if (!g.InGrasp)
            {
                g.InGrasp = true;
                g.IsPick = false;
                g.EverHeld = true;
                Add(HandoverEventKind.GraspAcquired, name, f, $"{name} grasp acquired {Cm(height)} cm above the table at {S(f.Time)} s");
            }
            g.NotHeldRun = 0;
            g.LastHeld = new HeldAt(_steps, f.Time, f.Cube, receiverDistance);
            if (picks && height >= _p.LiftM)
            {
                if (g.LiftRun++ == 0) g.LiftRunStart = f.Time;
                if (g.LiftRun >= _p.PickSteps && !g.IsPick)
                {
                    g.IsPick = true;
                    g.Picks++;
                    if (double.IsNaN(g.FirstPick)) g.FirstPick = g.LiftRunStart;
                    Add(HandoverEventKind.PickedUp, name, f, $"{name} picked the {Obj} up: held {Cm(height)} cm above the table for {_p.PickSteps} steps");
                }
            }
            else g.LiftRun = 0;
            return;
        }
        g.LiftRun = 0;
        if (g.InGrasp && ++g.NotHeldRun >= _p.ReleaseSteps)
        {
            g.InGrasp = false;
            var at = g.LastHeld;
            _events.Add(new HandoverEvent(HandoverEventKind.GraspLost, name, at.Step, at.Time, at.Cube,
                $"{name} grasp lost {Cm(HeightAboveRest(at.Cube))} cm above the table at {S(at.Time)} s"));
            if (g.IsPick) g.LastPickLoss = at;
        }
    }

    /// <summary>The episode's class, metrics and a sentence naming the event behind the class. Does not change the monitor.</summary>
    public TaskOutcome Conclude(EpisodeEnd end)
    {
        if (_steps == 0)
            return new TaskOutcome(HandoverSchema.NeverPickedUp, new Dictionary<string, double>(), "the episode ended before its first step");

        string g = _p.Giver.Name, r = _p.Receiver.Name;
        var last = _last;
        string ended = end.ReachedStepLimit ? $"the step limit ({end.Steps} steps) was reached" : $"the episode ended after {end.Steps} steps";
        string label, detail;
        if (Succeeded)
        {
            label = OutcomeClass.SuccessLabel;
            detail = $"the {r} gripper held the {Obj} alone {Cm(HeightAboveRest(last.Cube))} cm above the table for {_p.SuccessSteps} steps" +
                     (HandoverHappened ? $" (handover at {S(_handoverTime)} s)" : $" (without a handover: the {g} gripper never held it together with the {r})");
        }
        else if (_giver.Picks == 0)
        {
            label = HandoverSchema.NeverPickedUp;
            detail = !_everTouchedByGiver ? $"the {g} arm never touched the {Obj}"
                : !_giver.EverHeld ? $"the {g} arm touched the {Obj} but both {g} jaws never held it (highest {Cm(_maxHeight)} cm above the table)"
                : $"both {g} jaws held the {Obj} but never {Cm(_p.LiftM)} cm above the table for {_p.PickSteps} steps (highest {Cm(_maxHeight)} cm)";
        }
        else if (!HandoverHappened)
        {
            if (_giver.InGrasp && _giver.IsPick)
            {
                label = HandoverSchema.HandoverMissed;
                detail = $"{ended} with the {Obj} still held by the {g} gripper {Cm(HeightAboveRest(last.Cube))} cm above the table; " +
                         $"the {r} gripper never held it (its tool site came within {Cm(_closestReceiverWhileGiverPicked)} cm of the {Obj})";
            }
            else
            {
                var loss = _giver.LastPickLoss!.Value;
                string lost = $"the {g} grasp was lost {Cm(HeightAboveRest(loss.Cube))} cm above the table at {S(loss.Time)} s " +
                              $"with the {r} tool site {Cm(loss.ReceiverDistance)} cm from the {Obj}";
                (label, detail) = loss.ReceiverDistance <= _p.ReceiverReachM
                    ? (HandoverSchema.HandoverMissed, $"{lost}: the {r} gripper was there but never held it")
                    : (HandoverSchema.DroppedBeforeHandover, $"{lost}, before any handover");
            }
        }
        else if (_giver.InGrasp || _receiver.InGrasp)
        {
            label = HandoverSchema.Timeout;
            string who = _giver.InGrasp && _receiver.InGrasp ? "both grippers" : _giver.InGrasp ? $"the {g} gripper" : $"the {r} gripper";
            detail = $"{ended} with the {Obj} held by {who} {Cm(HeightAboveRest(last.Cube))} cm above the table (handover at {S(_handoverTime)} s" +
                     (_aloneRun > 0 ? $"; the {r} gripper alone held it off the table for the last {_aloneRun} of {_p.SuccessSteps} steps)" : ")");
        }
        else
        {
            label = HandoverSchema.DroppedAfterHandover;
            var lastLoss = _giver.LastHeld.Step >= _receiver.LastHeld.Step ? (Name: g, At: _giver.LastHeld) : (Name: r, At: _receiver.LastHeld);
            detail = $"after the handover at {S(_handoverTime)} s the {lastLoss.Name} grasp, the last one, was lost {Cm(HeightAboveRest(lastLoss.At.Cube))} cm above the table " +
                     $"at {S(lastLoss.At.Time)} s; the {Obj} ended {Cm(HeightAboveRest(last.Cube))} cm above the table";
        }
        if (!double.IsNaN(_collisionTime)) detail += $"; the arms collided at {S(_collisionTime)} s";

        var metrics = new Dictionary<string, double>
        {
            [HandoverSchema.MaxReward] = _maxReward,
            [HandoverSchema.AlohaSuccess] = _maxReward == TransferCubeReward.Max ? 1 : 0,
            [HandoverSchema.PickedUp] = _giver.Picks > 0 ? 1 : 0,
            [HandoverSchema.Handover] = HandoverHappened ? 1 : 0,
            [HandoverSchema.ArmCollision] = double.IsNaN(_collisionTime) ? 0 : 1,
            [HandoverSchema.MaxCubeHeightM] = _maxHeight,
        };
        if (!double.IsNaN(_giver.FirstPick)) metrics[HandoverSchema.TimeToPickS] = _giver.FirstPick;
        if (HandoverHappened) metrics[HandoverSchema.TimeToHandoverS] = _handoverTime;
        return new TaskOutcome(label, metrics, detail);
    }

    private double HeightAboveRest(Point3 p) => p.Z - _p.TableTopZ - _p.ObjectRestHeightM;

    private void Add(HandoverEventKind kind, string? gripper, in HandoverFrame f, string description) =>
        _events.Add(new HandoverEvent(kind, gripper, _steps, f.Time, f.Cube, description));

    private string Obj => _p.ObjectBody;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    // Rounded first, so a hair below zero reads 0.0, not -0.0.
    private static string Cm(double m) => (Math.Round(m * 100, 1) + 0.0).ToString("0.0", Inv);
    private static string S(double s) => s.ToString("0.00", Inv);

    private readonly record struct HeldAt(int Step, double Time, Point3 Cube, double ReceiverDistance);

    // One gripper's grasp state (debounced: a grasp survives fewer than ReleaseSteps steps without both jaws).
    private sealed class Grasp
    {
        public bool InGrasp, IsPick, EverHeld;
        public int NotHeldRun, LiftRun, Picks;
        public double LiftRunStart, FirstPick = double.NaN;
        public HeldAt LastHeld;
        public HeldAt? LastPickLoss;

        public void Reset()
        {
            InGrasp = IsPick = EverHeld = false;
            NotHeldRun = LiftRun = Picks = 0;
            LiftRunStart = 0;
            FirstPick = double.NaN;
            LastHeld = default;
            LastPickLoss = null;
        }
    }
}
