using Harness.Core.Tasks;

namespace Harness.Sim.Scenes.So101;

/// <summary>What the monitor needs from the simulator at one control step.</summary>
public readonly record struct PickPlaceFrame(
    double Time,
    double BlockX, double BlockY, double BlockZ,
    bool TouchesFixedJaw, bool TouchesMovingJaw, bool TouchesGripper,
    double BowlX, double BowlY);

/// <summary>
/// Turns privileged state into events and an outcome. Definitions (also in the README):
/// picked up = block held by both jaws with its centre at least <see cref="LiftM"/> above its
/// resting height; released = after a pick-up, no contact with any gripper geom for
/// <see cref="ReleaseSteps"/> steps; dropped = a release that happens with the block higher
/// than <see cref="DropHeightM"/> above rest and not above the bowl (horizontal distance to the
/// bowl centre more than <see cref="BowlRadiusM"/>); in the bowl = horizontal distance to the
/// bowl centre below <see cref="InBowlRadiusM"/>, centre below <see cref="InBowlMaxZ"/> and not
/// touching the gripper; success = in the bowl for <see cref="SuccessSteps"/> consecutive steps.
/// </summary>
public sealed class PickPlaceMonitor
{
    public const double LiftM = 0.02, DropHeightM = 0.03, BowlRadiusM = 0.058, InBowlRadiusM = 0.052, InBowlMaxZ = 0.05;
    public const int ReleaseSteps = 3, SuccessSteps = 10;

    private double _restZ;
    private bool _picked, _held, _dropped, _lastReleaseWasDrop, _released;
    private int _stepsWithoutGripper, _stepsInBowl;
    private double _maxHeight, _timeToPick = double.NaN, _heightAtLastContact, _distAtLastContact;
    private PickPlaceFrame _last;

    public void Reset(double restZ)
    {
        _restZ = restZ;
        _picked = _held = _dropped = _lastReleaseWasDrop = _released = false;
        _stepsWithoutGripper = _stepsInBowl = 0;
        _maxHeight = 0;
        _timeToPick = double.NaN;
        _heightAtLastContact = _distAtLastContact = 0;
        _last = default;
    }

    public bool Succeeded => _stepsInBowl >= SuccessSteps;

    /// <summary>Feeds one control step; returns true once the task is accomplished.</summary>
    public bool Update(in PickPlaceFrame f)
    {
        _last = f;
        double height = f.BlockZ - _restZ;
        double bowlDist = Math.Sqrt(Sq(f.BlockX - f.BowlX) + Sq(f.BlockY - f.BowlY));
        _maxHeight = Math.Max(_maxHeight, height);

        bool grasped = f.TouchesFixedJaw && f.TouchesMovingJaw;
        if (grasped && height >= LiftM)
        {
            if (!_picked) _timeToPick = f.Time;
            _picked = true;
            _held = true;
        }

        if (f.TouchesGripper)
        {
            _stepsWithoutGripper = 0;
            _heightAtLastContact = height;
            _distAtLastContact = bowlDist;
        }
        else if (_held && ++_stepsWithoutGripper >= ReleaseSteps)
        {
            _held = false;
            _released = true;
            _lastReleaseWasDrop = _heightAtLastContact > DropHeightM && _distAtLastContact > BowlRadiusM;
            _dropped |= _lastReleaseWasDrop;
        }

        bool inBowl = bowlDist < InBowlRadiusM && f.BlockZ < InBowlMaxZ && !f.TouchesGripper;
        _stepsInBowl = inBowl ? _stepsInBowl + 1 : 0;
        return Succeeded;
    }

    public TaskOutcome Conclude(EpisodeEnd end)
    {
        double bowlDist = Math.Sqrt(Sq(_last.BlockX - _last.BowlX) + Sq(_last.BlockY - _last.BowlY));
        bool inBowlNow = _stepsInBowl > 0;
        string outcome;
        string detail;
        if (Succeeded || (inBowlNow && _picked && !_held))
            (outcome, detail) = (OutcomeClass.SuccessLabel, "block resting in the bowl");
        else if (!_picked)
            (outcome, detail) = (PickPlaceSchema.NeverPickedUp, $"block never lifted {LiftM * 100:0} cm by both jaws (max height {_maxHeight * 100:0.0} cm)");
        else if (_lastReleaseWasDrop && !_held)
            (outcome, detail) = (PickPlaceSchema.DroppedDuringTransport, "grasp lost while carrying the block away from the bowl");
        else if (_released && !_held)
            (outcome, detail) = (PickPlaceSchema.MissedGoal, $"block released {bowlDist * 100:0.0} cm from the bowl centre");
        else
            (outcome, detail) = (PickPlaceSchema.Timeout, end.ReachedStepLimit ? $"step limit {end.Steps} reached with the block still held" : "episode ended with the block still held");

        var metrics = new Dictionary<string, double>
        {
            [PickPlaceSchema.PickedUp] = _picked ? 1 : 0,
            [PickPlaceSchema.Dropped] = _dropped ? 1 : 0,
            [PickPlaceSchema.MaxObjectHeightM] = _maxHeight,
            [PickPlaceSchema.FinalGoalDistanceM] = bowlDist,
        };
        if (!double.IsNaN(_timeToPick)) metrics[PickPlaceSchema.TimeToPickS] = _timeToPick;
        return new TaskOutcome(outcome, metrics, detail);
    }

    private static double Sq(double x) => x * x;
}
